import CVModel

/// Generalising a place of residence to its province, for client profiles.
public enum Regions {
    /// The Dutch province of a place, where the generated place list knows it; a foreign city
    /// becomes "buitenland" (abroad).
    /// The region a profile shows for a place of residence: its province, or, where the province
    /// bears the place's own name (Utrecht, Groningen), the part of the country (`landsdeel`,
    /// NUTS 1) that holds it, so that the region never names the town a candidate lives in.
    public static func region(ofResidence place: String) -> String? {
        guard let province = province(ofPlace: place) else { return nil }
        guard TextFolding.fold(province) == TextFolding.fold(place) else { return province }
        return landsdeel[province] ?? province
    }

    /// NUTS 1 of the Netherlands (CBS landsdelen), by province.
    static let landsdeel: [String: String] = [
        "Groningen": "Noord-Nederland", "Friesland": "Noord-Nederland", "Drenthe": "Noord-Nederland",
        "Overijssel": "Oost-Nederland", "Gelderland": "Oost-Nederland", "Flevoland": "Oost-Nederland",
        "Utrecht": "West-Nederland", "Noord-Holland": "West-Nederland", "Zuid-Holland": "West-Nederland",
        "Zeeland": "West-Nederland", "Noord-Brabant": "Zuid-Nederland", "Limburg": "Zuid-Nederland",
    ]

    public static func province(ofPlace place: String) -> String? {
        if let province = PlaceNames.shared.province(of: place) { return province }
        return PlaceNames.shared.contains(place) ? "buitenland" : nil
    }
}
