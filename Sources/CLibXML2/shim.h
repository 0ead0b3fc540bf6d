#ifndef CVSIEVE_CLIBXML2_SHIM_H
#define CVSIEVE_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
/* Debian builds libxml2 with ICU, and <libxml/encoding.h> then includes ICU's headers, whose
   `UErrorCode` clashes with Foundation's bundled ICU in the same Swift module. cvsieve never touches
   the ICU converter fields (only pointers to encoding handlers), so the declarations are left out. */
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/SAX2.h>

/// libxml2's default generic error handler prints the offending document line to stderr, which
/// is personal data in a log. `xmlGenericErrorFunc` is variadic, so Swift cannot supply one:
/// this installs a no-op handler for the whole process.
static void cvsieve_xml_silent_generic(void *ctx, const char *msg, ...) { (void)ctx; (void)msg; }
static inline void cvsieve_xml_silence_generic_errors(void) {
    xmlSetGenericErrorFunc(NULL, cvsieve_xml_silent_generic);
}

/// `xmlFree` is a global function pointer, which Swift 6 strict concurrency rejects.
static inline void cvsieve_xml_free(void *pointer) { xmlFree(pointer); }

/// `XML_SAX2_MAGIC` is a macro Swift imports with a different integer type than `initialized`.
static inline unsigned int cvsieve_xml_sax2_magic(void) { return XML_SAX2_MAGIC; }

/// The parser's `wellFormed` flag: SAX2 hands out text before a fatal error, so callers check it
/// at the end and discard the part on failure.
static inline int cvsieve_xml_ctxt_well_formed(xmlParserCtxtPtr ctxt) { return ctxt->wellFormed; }
static inline int cvsieve_xml_ctxt_err_no(xmlParserCtxtPtr ctxt) { return ctxt->errNo; }

/// Whether a string lives in the parser's dictionary (interned for the whole parse), so that its
/// address alone identifies it.
static inline _Bool cvsieve_xml_dict_owns(xmlParserCtxtPtr ctxt, const xmlChar *string) {
    return ctxt != NULL && ctxt->dict != NULL && xmlDictOwns(ctxt->dict, string) == 1;
}

#endif
