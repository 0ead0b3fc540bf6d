/// Generalising a place of residence to its province, for client profiles.
public enum Regions {
    /// The Dutch province of a place, where the generated place list knows it; a foreign city
    /// becomes "buitenland" (abroad).
    public static func province(ofPlace place: String) -> String? {
        if let province = PlaceNames.shared.province(of: place) { return province }
        return PlaceNames.shared.contains(place) ? "buitenland" : nil
    }
}
