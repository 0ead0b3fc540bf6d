/// The one rule for when two writings are the same phone number: the last nine digits.
///
/// Nine digits are a Dutch national number whatever the writing (`06-12345678`,
/// `+31 (0)6 1234 5678`, `0031 6 …` all give `612345678`), and most other countries' numbers
/// keep their last nine digits between the national and the international form (`07700 900123`
/// and `+44 7700 900123`). Numbers with a shorter national number (Belgian landlines) do not
/// unify across forms. Detection propagates a phone by it, the vault recognises a returning
/// candidate by it, the leak gate looks for it, and evaluation scores by it.
public enum PhoneKey {
    /// How many trailing digits identify a number.
    public static let digitCount = 9

    /// The key of a phone number as written: its last ``digitCount`` digits (fewer if it has fewer).
    /// Digits are `Character.isNumber`, as the vault's identity keys have always been computed.
    public static func of(_ phone: String) -> String { String(phone.filter(\.isNumber).suffix(digitCount)) }
}
