import CVModel

/// The candidate's photo: an image on the first page of a PDF, or in a DOCX, of portrait or
/// square proportions and at least thumbnail size (logos are usually wide and flat). A PDF image
/// of half an A4 page or more is a scanned page, not a photo.
struct PhotoRecognizer {
    /// Half an A4 page in square points (595 × 842 / 2): PDF image sizes are in points.
    static let scannedPageArea = 250_000.0

    func photos(in document: Document) -> [Finding] {
        document.images.compactMap { image in
            guard image.width >= 24, image.height >= 24 else { return nil }
            guard
                image.part != nil || document.format != .pdf
                    || Double(image.width) * Double(image.height) < Self.scannedPageArea
            else { return nil }
            let ratio = Double(image.height) / Double(image.width)
            guard (0.7...1.8).contains(ratio), image.page == nil || image.page == 1 else { return nil }
            let text = image.part ?? "image on page \(image.page ?? 1), \(image.width)x\(image.height)"
            return Finding(category: .photo, text: text, start: 0, end: 0, confidence: 0.8, source: .body)
        }
    }
}
