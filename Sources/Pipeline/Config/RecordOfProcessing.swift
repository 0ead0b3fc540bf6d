public import CVModel

/// One processing activity of the record of processing (GDPR art. 30): what a purpose in
/// pipeline.yml declares. `cvsieve config ropa` prints it; the web app's Verwerkingsregister
/// shows it.
public struct ProcessingActivity: Codable, Sendable {
    public var purpose: String
    public var description: String
    public var legalBasis: String
    public var categories: [String]
    public var channels: [String]
    public var recipients: [String]
    /// Retention rule name (`no_agreement`, …) → period as pipeline.yml gives it.
    public var retention: [String: String]
    public var disclosesProfiles: Bool
}

extension PipelineConfig {
    /// The record of processing that the purposes declare, by purpose name.
    public var recordOfProcessing: [ProcessingActivity] {
        purposes.values.sorted { $0.name < $1.name }.map { purpose in
            var retention: [String: String] = [:]
            retention["no_agreement"] = purpose.retention.noAgreement?.description
            retention["with_consent"] = purpose.retention.withConsent?.description
            retention["after_last_contact"] = purpose.retention.afterLastContact?.description
            retention["after_agreement_end"] = purpose.retention.afterAgreementEnd?.description
            return ProcessingActivity(
                purpose: purpose.name, description: purpose.description, legalBasis: purpose.legalBasis.rawValue,
                categories: purpose.keep.sorted().map(\.rawValue),
                channels: channels.filter { $0.value == purpose.name }.map(\.key).sorted()
                    + (defaultPurpose == purpose.name ? ["(inbox)"] : []),
                recipients: purpose.recipients, retention: retention, disclosesProfiles: purpose.allowsDisclosure)
        }
    }
}
