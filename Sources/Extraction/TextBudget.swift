import CVModel

/// Counts what one file yields against `extraction.max_text` and `extraction.max_blocks` while
/// it is read, so that a file over either stops at the limit instead of being read in full (a
/// DOCX of 200,000 tiny paragraphs must not become 200,000 blocks before it is refused).
///
/// SAX callbacks cannot throw, so the handlers ask ``admit(_:)`` and drop what is refused; the
/// part reader checks ``overrun`` after every chunk it feeds and stops the parse. The measure
/// is ``ExtractionLimits/characters(of:)``, the same one the final check and the parent use.
/// Non-Sendable: one extraction owns it.
final class TextBudget {
    let limits: ExtractionLimits
    private(set) var characters = 0
    private(set) var blocks = 0

    init(limits: ExtractionLimits) { self.limits = limits }

    /// The limit the file went over, once it has.
    var overrun: ExtractionError? {
        if blocks > limits.maxBlocks { return .tooManyBlocks(blocks: blocks, limit: limits.maxBlocks) }
        if characters > limits.maxTextCharacters {
            return .tooMuchText(characters: characters, limit: limits.maxTextCharacters)
        }
        return nil
    }

    /// Counts `block`; false (and the block should be dropped) once a limit is passed.
    func admit(_ block: TextBlock) -> Bool {
        guard overrun == nil else { return false }
        blocks += 1
        characters += ExtractionLimits.characters(of: block)
        return overrun == nil
    }

    /// Counts a name that travels with the document (an image part, an attachment).
    func admit(name: String) -> Bool {
        guard overrun == nil else { return false }
        characters += name.unicodeScalars.count
        return overrun == nil
    }

    /// Counts `blocks` and throws once a limit is passed.
    func take(_ blocks: [TextBlock]) throws(ExtractionError) {
        for block in blocks where !admit(block) {
            if let overrun { throw overrun }
        }
    }

    /// Counts `name` and throws once a limit is passed.
    func take(name: String) throws(ExtractionError) {
        if !admit(name: name), let overrun { throw overrun }
    }
}

@available(*, unavailable)
extension TextBudget: Sendable {}
