import CVModel

/// The candidate's photo: an image on the first page of a PDF, or in a DOCX, of portrait or
/// square proportions and at least thumbnail size (logos are usually wide and flat).
struct PhotoRecognizer {
    func photos(in document: Document) -> [Finding] {
        document.images.compactMap { image in
            guard image.width >= 24, image.height >= 24 else { return nil }
            let ratio = Double(image.height) / Double(image.width)
            guard (0.7...1.8).contains(ratio), image.page == nil || image.page == 1 else { return nil }
            let text = image.part ?? "image on page \(image.page ?? 1), \(image.width)x\(image.height)"
            return Finding(category: .photo, text: text, start: 0, end: 0, confidence: 0.8, source: .body)
        }
    }
}
