import CLibXML2

/// What a SAX handler sees: one call per event, with names as Swift strings (local names are
/// short, so they stay in Swift's inline small-string storage and cost no allocation).
protocol XMLEventHandler: AnyObject {
    /// `namespace` is the element's namespace URI; attributes are (local name, namespace URI, value).
    func startElement(_ localName: String, namespace: XMLNamespace, attributes: XMLAttributes)
    func endElement(_ localName: String, namespace: XMLNamespace)
    func characters(_ bytes: UnsafeBufferPointer<UInt8>)
    /// Whether the handler has all it wants: the parser then stops, and the part counts as read.
    var isDone: Bool { get }
}

extension XMLEventHandler {
    var isDone: Bool { false }
}

/// The namespaces cvsieve cares about, in both OOXML flavours (transitional and ISO Strict).
enum XMLNamespace: Sendable {
    case wordprocessing, relationships, markupCompatibility, packageRelationships, other

    init(uri: UnsafePointer<xmlChar>?) {
        guard let uri else {
            self = .other
            return
        }
        if xmlStrEqual(uri, Self.wTransitional.utf8Start) != 0 || xmlStrEqual(uri, Self.wStrict.utf8Start) != 0 {
            self = .wordprocessing
        } else if xmlStrEqual(uri, Self.rTransitional.utf8Start) != 0 || xmlStrEqual(uri, Self.rStrict.utf8Start) != 0 {
            self = .relationships
        } else if xmlStrEqual(uri, Self.mc.utf8Start) != 0 {
            self = .markupCompatibility
        } else if xmlStrEqual(uri, Self.packageRels.utf8Start) != 0 {
            self = .packageRelationships
        } else {
            self = .other
        }
    }

    static let wTransitional: StaticString = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    static let wStrict: StaticString = "http://purl.oclc.org/ooxml/wordprocessingml/main"
    static let rTransitional: StaticString = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let rStrict: StaticString = "http://purl.oclc.org/ooxml/officeDocument/relationships"
    static let mc: StaticString = "http://schemas.openxmlformats.org/markup-compatibility/2006"
    static let packageRels: StaticString = "http://schemas.openxmlformats.org/package/2006/relationships"
}

/// A view of libxml2's SAX2 attribute array: 5 pointers per attribute (local name, prefix, URI,
/// value start, value end). Valid only during the `startElement` call.
struct XMLAttributes {
    let base: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    let count: Int

    /// The value of the attribute with this local name in this namespace, if present.
    func value(_ localName: StaticString, in namespace: XMLNamespace? = nil) -> String? {
        guard let base else { return nil }
        for index in 0..<count {
            let slot = base + index * 5
            guard let name = slot[0], xmlStrEqual(name, localName.utf8Start) != 0 else { continue }
            if let namespace, XMLNamespace(uri: slot[2]) != namespace { continue }
            guard let start = slot[3], let end = slot[4] else { return "" }
            return String(decoding: UnsafeBufferPointer(start: start, count: end - start), as: UTF8.self)
        }
        return nil
    }
}

/// A libxml2 SAX2 push parser with the safe options and a silent, structured error handler.
///
/// Calls `xmlCreatePushParserCtxt`, `xmlCtxtUseOptions` and `xmlParseChunk`
/// (https://gnome.pages.gitlab.gnome.org/libxml2/devhelp/libxml2-parser.html). Options:
/// `XML_PARSE_NONET` (no network), `XML_PARSE_NOERROR|NOWARNING` (libxml2 would print the
/// offending line, which is personal data). No `XML_PARSE_NOENT`, no `XML_PARSE_DTDLOAD`, and a
/// DOCTYPE stops the parse at once (``Outcome/doctype``).
final class XMLStreamParser {
    enum Outcome: Equatable {
        case ok
        /// The part declared a DOCTYPE. Office never writes one; it is how entity bombs and XXE start.
        case doctype
        /// Not well-formed, with libxml2's error code (`xmlParserErrors`) and position: never its message.
        case malformed(code: Int32, line: Int32, column: Int32)
    }

    private unowned let handler: any XMLEventHandler
    private var context: xmlParserCtxtPtr?
    private var sawDoctype = false
    private var firstError: (code: Int32, line: Int32, column: Int32)?

    init(handler: any XMLEventHandler) {
        self.handler = handler
        Self.silenceOnce
    }

    /// libxml2's process-wide handlers print to stderr; replace them once per process.
    private static let silenceOnce: Void = {
        xmlInitParser()
        cvsieve_xml_silence_generic_errors()
        xmlSetStructuredErrorFunc(nil) { _, _ in }
    }()

    deinit {
        if let context { xmlFreeParserCtxt(context) }
    }

    /// Feeds one chunk of the document. Returns false once the parse has stopped (DOCTYPE or fatal error).
    @discardableResult
    func feed(_ bytes: UnsafeRawBufferPointer) -> Bool {
        if context == nil { start() }
        guard let context, !sawDoctype, !stoppedByHandler else { return false }
        let pointer = bytes.baseAddress?.assumingMemoryBound(to: CChar.self)
        let status = xmlParseChunk(context, pointer, Int32(bytes.count), 0)
        return status == 0 && !sawDoctype && !stoppedByHandler
    }

    /// Ends the document and says whether it was well-formed.
    func finish() -> Outcome {
        if context == nil { start() }
        guard let context else { return .malformed(code: -1, line: 0, column: 0) }
        if stoppedByHandler { return .ok }
        if !sawDoctype { xmlParseChunk(context, nil, 0, 1) }
        if sawDoctype { return .doctype }
        if cvsieve_xml_ctxt_well_formed(context) == 0 {
            let error = firstError ?? (cvsieve_xml_ctxt_err_no(context), 0, 0)
            return .malformed(code: error.code, line: error.line, column: error.column)
        }
        return .ok
    }

    /// Parses a whole buffer in one go.
    static func parse(_ bytes: UnsafeRawBufferPointer, handler: any XMLEventHandler) -> Outcome {
        let parser = XMLStreamParser(handler: handler)
        parser.feed(bytes)
        return parser.finish()
    }

    /// The namespace of a URI, remembered by pointer: libxml2 hands the same interned URI string
    /// (from the parser's dictionary) for every element of one namespace, so most elements cost
    /// one pointer comparison instead of up to six string comparisons.
    private var lastURI: UnsafePointer<xmlChar>?
    /// The handler had what it wanted before the end of the part.
    fileprivate var stoppedByHandler = false
    private var lastNamespace = XMLNamespace.other

    fileprivate func namespace(of uri: UnsafePointer<xmlChar>?) -> XMLNamespace {
        if let uri, uri == lastURI { return lastNamespace }
        let namespace = XMLNamespace(uri: uri)
        if let context, let uri, cvsieve_xml_dict_owns(context, uri) {
            lastURI = uri
            lastNamespace = namespace
        }
        return namespace
    }

    private func start() {
        var sax = xmlSAXHandler()
        sax.initialized = cvsieve_xml_sax2_magic()
        sax.startElementNs = { userData, localName, _, uri, _, _, attributeCount, _, attributes in
            guard let userData, let localName else { return }
            let parser = Unmanaged<XMLStreamParser>.fromOpaque(userData).takeUnretainedValue()
            parser.handler.startElement(
                String(cString: localName), namespace: parser.namespace(of: uri),
                attributes: XMLAttributes(base: attributes, count: Int(attributeCount)))
        }
        sax.endElementNs = { userData, localName, _, uri in
            guard let userData, let localName else { return }
            let parser = Unmanaged<XMLStreamParser>.fromOpaque(userData).takeUnretainedValue()
            parser.handler.endElement(String(cString: localName), namespace: parser.namespace(of: uri))
            if parser.handler.isDone, let context = parser.context {
                parser.stoppedByHandler = true
                xmlStopParser(context)
            }
        }
        sax.characters = { userData, bytes, length in
            guard let userData, let bytes, length > 0 else { return }
            let parser = Unmanaged<XMLStreamParser>.fromOpaque(userData).takeUnretainedValue()
            parser.handler.characters(UnsafeBufferPointer(start: bytes, count: Int(length)))
        }
        sax.cdataBlock = sax.characters
        sax.internalSubset = { userData, _, _, _ in
            guard let userData else { return }
            let parser = Unmanaged<XMLStreamParser>.fromOpaque(userData).takeUnretainedValue()
            parser.sawDoctype = true
            if let context = parser.context { xmlStopParser(context) }
        }
        sax.serror = { userData, error in
            guard let userData, let error else { return }
            let parser = Unmanaged<XMLStreamParser>.fromOpaque(userData).takeUnretainedValue()
            if parser.firstError == nil, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue {
                parser.firstError = (error.pointee.code, error.pointee.line, Int32(error.pointee.int2))
            }
        }
        let userData = Unmanaged.passUnretained(self).toOpaque()
        context = xmlCreatePushParserCtxt(&sax, userData, nil, 0, nil)
        if let context {
            let options =
                XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
                | XML_PARSE_NOCDATA.rawValue
            xmlCtxtUseOptions(context, Int32(options))
        }
    }
}

@available(*, unavailable)
extension XMLStreamParser: Sendable {}
