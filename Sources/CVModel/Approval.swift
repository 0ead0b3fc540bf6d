public import Foundation

/// A candidate's approval of one exact client profile (`export.require_approval`): asked for with
/// a one-time code, answered by the candidate (the public approval page) or recorded by staff.
public struct Approval: Codable, Sendable, Equatable {
    public var id: Int64
    public var code: String
    /// SHA-256 of the profile's JSON rendering: a changed profile needs a new approval.
    public var profileSHA256: String
    public var requestedAt: Date
    public var expiresAt: Date
    public var answeredAt: Date?
    /// `nil` while unanswered.
    public var isApproved: Bool?
    /// `candidate` (the public page) or the staff account (`account:<id>`) that recorded it.
    public var answeredBy: String?

    public init(
        id: Int64, code: String, profileSHA256: String, requestedAt: Date, expiresAt: Date, answeredAt: Date? = nil,
        isApproved: Bool? = nil, answeredBy: String? = nil
    ) {
        self.id = id
        self.code = code
        self.profileSHA256 = profileSHA256
        self.requestedAt = requestedAt
        self.expiresAt = expiresAt
        self.answeredAt = answeredAt
        self.isApproved = isApproved
        self.answeredBy = answeredBy
    }

    /// Unanswered and not expired at `now`.
    public func isOpen(at now: Date) -> Bool { answeredAt == nil && now < expiresAt }
}
