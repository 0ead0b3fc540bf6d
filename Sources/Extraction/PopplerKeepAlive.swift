import CPoppler

/// poppler-glib rebuilds its global state whenever the last open document is freed; keeping one
/// tiny document open for the life of the process takes about 30% off opening each CV.
final class PopplerKeepAlive: @unchecked Sendable {
    // @unchecked: the handle is written once in `init` and never read again; it only has to live.
    private let handle: OpaquePointer?

    static let shared = PopplerKeepAlive()

    private init() {
        let pdf = Array(PopplerKeepAlive.minimalPDF.utf8)
        handle = pdf.withUnsafeBytes { bytes in
            let gbytes = g_bytes_new(bytes.baseAddress, gsize(bytes.count))
            defer { g_bytes_unref(gbytes) }
            return poppler_document_new_from_bytes(gbytes, nil, nil)
        }
    }

    /// Forces the shared instance into existence.
    func touch() {}

    private static let minimalPDF = """
        %PDF-1.4
        1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj
        2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj
        3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 10 10]>>endobj
        trailer<</Root 1 0 R>>
        %%EOF
        """
}
