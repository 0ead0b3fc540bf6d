"""Content model shared by the DOCX and PDF writers, and the truth recorder.

A *line* is a list of spans.  A span is either a plain ``str`` or a ``Tag``
(a string that must be recorded in the ground truth) or a ``Special`` (DOCX
run-level constructs such as tabs, links, fields, tracked changes).  Writers
record every Tag they actually emit, together with the source ("body",
"table", ...) of the container they emit it into.  So the truth always follows
what was written, never what was meant to be written.
"""

import json


class Tag:
    __slots__ = ("text", "info")

    def __init__(self, text, **info):
        self.text = text
        self.info = info

    def __repr__(self):
        return f"Tag({self.text!r}, {self.info!r})"


def P(category, text, **flags):
    """A personal-data value (category from the truth schema)."""
    return Tag(text, kind="p", category=category, **flags)


def K(group, idx, field, text):
    """A career value: group experience/education/languages (field set) or
    certificates/skills (field None)."""
    return Tag(text, kind="c", group=group, idx=idx, field=field)


class Special:
    """DOCX run-level constructs; PDF writers render a plain-text fallback."""

    def __init__(self, kind, **kw):
        self.kind = kind
        self.__dict__.update(kw)


TAB = Special("tab")
BR = Special("br")
CR = Special("cr")


def Link(target, spans, target_tag=None, icon=None):
    """A hyperlink whose visible text is ``spans``; ``target_tag`` (a Tag) is
    recorded with source "link" (the bare value behind the link).  ``icon``
    ("mail" or "linkedin") draws a small vector icon before the text (PDF)."""
    return Special("link", target=target, spans=spans, target_tag=target_tag, icon=icon)


def Field(instr, spans):
    """A complex field (fldChar begin/instrText/separate/result/end)."""
    return Special("field", instr=instr, spans=spans)


def Ins(spans, author="Recruiter"):
    return Special("ins", spans=spans, author=author)


def Del(spans, author="Recruiter"):
    """Tracked deletion; Tags inside are recorded with "deleted": true."""
    return Special("del", spans=spans, author=author)


def NoteRef(kind, paragraphs):
    """A footnote or endnote reference; the note holds ``paragraphs``."""
    return Special("noteref", note=kind, paragraphs=paragraphs)


def CommentRange(spans, paragraphs, author, initials):
    """Body ``spans`` annotated by a comment holding ``paragraphs``."""
    return Special("comment", spans=spans, paragraphs=paragraphs, author=author,
                   initials=initials)


def plain(spans):
    """Plain text of a line (PDF fallback for specials)."""
    out = []
    for s in spans:
        if isinstance(s, str):
            out.append(s)
        elif isinstance(s, Tag):
            out.append(s.text)
        elif s.kind == "tab":
            out.append("  ")
        elif s.kind in ("br", "cr"):
            out.append(" ")
        elif s.kind in ("link", "field", "ins", "comment"):
            out.append(plain(s.spans))
    return "".join(out)


CAREER_GROUPS = ("experience", "education", "certificates", "languages", "skills")


class Truth:
    def __init__(self, file, language, fmt):
        self.file = file
        self.language = language
        self.format = fmt
        self.personal = []
        self._seen = set()
        self.photo = False
        self._career = {g: {} for g in CAREER_GROUPS}

    def add(self, category, text, source, **flags):
        entry = {"category": category, "text": text, "source": source}
        for k in ("subject", "hard", "deleted"):
            if flags.get(k):
                entry[k] = flags[k]
        key = json.dumps(entry, sort_keys=True)
        if key not in self._seen:
            self._seen.add(key)
            self.personal.append(entry)

    def record(self, tag, source):
        info = tag.info
        if info["kind"] == "p":
            flags = {k: v for k, v in info.items() if k not in ("kind", "category")}
            self.add(info["category"], tag.text, source, **flags)
            return
        group, idx, field = info["group"], info["idx"], info["field"]
        items = self._career[group]
        if field is None:
            items.setdefault(idx, tag.text)
            return
        item = items.setdefault(idx, {})
        item.setdefault(field, tag.text)
        if source != "body":
            item["source"] = source

    def to_dict(self):
        order = {"experience": ("title", "employer", "start", "end"),
                 "education": ("degree", "institution", "year"),
                 "languages": ("language", "level")}
        career = {}
        for g in CAREER_GROUPS:
            items = [self._career[g][i] for i in sorted(self._career[g])]
            if g in order:
                items = [{k: it[k] for k in order[g] + ("source",) if k in it} for it in items]
            career[g] = items
        return {"file": self.file, "language": self.language, "format": self.format,
                "personal": self.personal, "photo": self.photo, "career": career}

    def dump(self):
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"
