public import CVModel

extension ExtractionLimits {
    /// The characters `block` counts for against `extraction.max_text`: its text and its label,
    /// in Unicode scalars (what a JSON encoder writes one to six bytes for).
    public static func characters(of block: TextBlock) -> Int {
        block.text.unicodeScalars.count + (block.label?.unicodeScalars.count ?? 0)
    }

    /// Checks a finished document against `extraction.max_blocks` and `extraction.max_text`
    /// (blocks, labels, image part names and attachment names).
    ///
    /// The worker runs it on what it extracted, and the parent again on what the worker
    /// answered: a worker that has just parsed a hostile file is not believed on its word.
    public func check(_ document: Document) throws(ExtractionError) {
        guard document.blocks.count <= maxBlocks else {
            throw .tooManyBlocks(blocks: document.blocks.count, limit: maxBlocks)
        }
        var characters = 0
        for block in document.blocks { characters += Self.characters(of: block) }
        for image in document.images { characters += image.part?.unicodeScalars.count ?? 0 }
        for attachment in document.attachments { characters += attachment.name.unicodeScalars.count }
        guard characters <= maxTextCharacters else {
            throw .tooMuchText(characters: characters, limit: maxTextCharacters)
        }
    }
}
