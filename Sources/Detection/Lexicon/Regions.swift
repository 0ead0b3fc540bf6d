/// Generalising a place of residence to its province, for client profiles.
public struct Regions: Sendable {
    /// Reads the place lists on the first call in a process, as ``Detector/init()`` does.
    ///
    /// - Throws: ``DetectionError`` when the lists did not come along with the binary.
    public init() throws(DetectionError) { _ = try Lexicon.loaded.get() }

    /// The Dutch province of a place, where the generated place list knows it; a foreign city
    /// becomes "buitenland" (abroad).
    public func province(ofPlace place: String) -> String? {
        if let province = PlaceNames.shared.province(of: place) { return province }
        return PlaceNames.shared.contains(place) ? "buitenland" : nil
    }
}
