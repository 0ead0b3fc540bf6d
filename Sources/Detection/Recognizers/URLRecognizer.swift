import CVModel

/// URLs: `https://…`, `www.…`, and profile links without a scheme (`linkedin.com/in/…`,
/// `github.com/…`).
struct URLRecognizer: Recognizer {
    private static let bareHosts = [
        "linkedin.com/", "github.com/", "gitlab.com/", "behance.net/", "twitter.com/", "x.com/",
        "instagram.com/", "facebook.com/", "dribbble.com/", "medium.com/@", "nl.linkedin.com/", "www.",
    ]

    func recognize(in context: DetectionContext) -> [Candidate] {
        let scalars = context.scalars
        var found: [Candidate] = []
        var index = 0
        while index < scalars.count {
            guard scalars.isWordStart(index), scalars[index].isLetter else {
                index += 1
                continue
            }
            let isScheme = scalars.matches("https://", at: index) || scalars.matches("http://", at: index)
            let isBare = !isScheme && Self.bareHosts.contains { scalars.matches($0, at: index) }
            guard isScheme || isBare else {
                index += 1
                continue
            }
            var end = index
            while end < scalars.count, !scalars[end].isWhitespace, scalars[end] != "\"", scalars[end] != "<",
                scalars[end] != ">", scalars[end] != ")"
            {
                end += 1
            }
            while end > index, ".,;:!?'".unicodeScalars.contains(scalars[end - 1]) { end -= 1 }
            if end - index > 8 {
                found.append(Candidate(category: .url, range: index..<end, confidence: 0.95))
            }
            index = max(end, index + 1)
        }
        return found
    }
}
