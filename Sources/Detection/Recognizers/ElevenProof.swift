/// The BSN's 11-proof (burgerservicenummer, Wet algemene bepalingen burgerservicenummer):
/// 9·d1 + 8·d2 + … + 2·d8 − 1·d9 ≡ 0 (mod 11), not all zeros; an old 8-digit number takes a
/// leading 0. One definition for every reader of a BSN: the text recognizer, the machine-readable
/// zone of a Dutch passport or identity card, and the identity-document classifier.
enum ElevenProof {
    static func isValid(_ input: [Int]) -> Bool {
        let digits = input.count == 8 ? [0] + input : input
        guard digits.count == 9, digits.contains(where: { $0 != 0 }) else { return false }
        var sum = 0
        for (position, digit) in digits.enumerated() {
            sum += position == 8 ? -digit : (9 - position) * digit
        }
        return sum % 11 == 0
    }
}
