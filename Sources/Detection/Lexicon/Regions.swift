import CVModel

/// Generalising a place of residence to its province, for client profiles.
public struct Regions: Sendable {
    /// Reads the place lists on the first call in a process, as ``Detector/init()`` does.
    ///
    /// - Throws: ``DetectionError`` when the lists did not come along with the binary.
    public init() throws(DetectionError) { _ = try Lexicon.loaded.get() }

    /// The region a profile shows for a place of residence: its province, or, where the province
    /// bears the place's own name (Utrecht, Groningen), the part of the country (`landsdeel`,
    /// NUTS 1) that holds it, so that the region never names the town a candidate lives in.
    public func region(ofResidence place: String) -> String? {
        guard let province = province(ofPlace: place) else { return nil }
        guard TextFolding.fold(province) == TextFolding.fold(place) else { return province }
        return Self.landsdeel[province] ?? province
    }

    /// NUTS 1 of the Netherlands (CBS landsdelen), by province.
    static let landsdeel: [String: String] = [
        "Groningen": "Noord-Nederland", "Friesland": "Noord-Nederland", "Drenthe": "Noord-Nederland",
        "Overijssel": "Oost-Nederland", "Gelderland": "Oost-Nederland", "Flevoland": "Oost-Nederland",
        "Utrecht": "West-Nederland", "Noord-Holland": "West-Nederland", "Zuid-Holland": "West-Nederland",
        "Zeeland": "West-Nederland", "Noord-Brabant": "Zuid-Nederland", "Limburg": "Zuid-Nederland",
    ]

    /// The Dutch province of a place, where the generated place list knows it; a foreign city
    /// becomes "buitenland" (abroad).
    public func province(ofPlace place: String) -> String? {
        if let province = PlaceNames.shared.province(of: place) { return province }
        return PlaceNames.shared.contains(place) ? "buitenland" : nil
    }
}
