/// The groups the page view colours a detected value by: one colour per group, so that a page
/// with a dozen kinds of value stays readable and the legend stays short.
///
/// The colours are from Okabe and Ito's palette for colour-blind readers (blue, vermilion,
/// bluish green, reddish purple): each group stays distinct under the common forms of colour
/// blindness, and none is the black, grey or dark blue of ordinary CV text.
public enum CategoryGroup: String, Codable, Sendable, CaseIterable {
    /// E-mail, phone, web addresses: how to reach the person.
    case contact
    /// Name, birth date and place, gender, nationality, marital status, photo: who the person is.
    case identity
    /// Address, postcode, city: where the person lives.
    case location
    /// BSN, IBAN and other numbers that single out one person, and copies of identity documents.
    case identifier

    /// The categories in this group, in ``Category`` order.
    public var categories: [Category] { Category.allCases.filter { $0.group == self } }

    /// The group's colour: the boxes on a page image and the caller's legend use the same one.
    public var colour: Colour {
        switch self {
        case .contact: Colour(red: 0x00, green: 0x72, blue: 0xB2)
        case .identity: Colour(red: 0xD5, green: 0x5E, blue: 0x00)
        case .location: Colour(red: 0x00, green: 0x9E, blue: 0x73)
        case .identifier: Colour(red: 0xCC, green: 0x79, blue: 0xA7)
        }
    }

    /// An sRGB colour, 8 bits a channel.
    public struct Colour: Codable, Sendable, Hashable {
        public var red: UInt8
        public var green: UInt8
        public var blue: UInt8

        public init(red: UInt8, green: UInt8, blue: UInt8) {
            self.red = red
            self.green = green
            self.blue = blue
        }

        /// `#rrggbb`, for a style sheet.
        public var hex: String {
            "#" + [red, green, blue].map { $0 < 16 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
        }
    }
}

extension Category {
    /// The group whose colour marks a value of this category on a page image.
    public var group: CategoryGroup {
        switch self {
        case .email, .phone, .url: .contact
        case .name, .birthDate, .birthPlace, .gender, .nationality, .maritalStatus, .photo: .identity
        case .address, .postcode, .city: .location
        case .bsn, .iban, .otherID, .idCopy: .identifier
        }
    }
}
