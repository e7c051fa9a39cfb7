//! What every XML part of a package needs: decoding to UTF-8, a namespace-aware streaming
//! reader, entity handling without expansion, and errors that name the part and the byte.

use std::borrow::Cow;

use quick_xml::events::{
    BytesCData, BytesDecl, BytesEnd, BytesPI, BytesRef, BytesStart, BytesText, Event,
};
use quick_xml::name::{NamespaceError, PrefixDeclaration, QName, DEFAULT_MAX_NAMESPACE_BINDINGS};
use quick_xml::XmlVersion;

use taizhang_i18n::{msg, Msg};

use crate::ReadError;

/// WordprocessingML, transitional and strict (ISO/IEC 29500 Strict renames every namespace).
const W_NS: [&str; 2] = [
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
];
const MC_NS: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";
const MATH_NS: [&str; 2] = [
    "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "http://purl.oclc.org/ooxml/officeDocument/math",
];
/// The namespaces of the reserved `xml` and `xmlns` prefixes, which no other prefix may bind.
const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";
const XMLNS_NS: &str = "http://www.w3.org/2000/xmlns/";

/// Elements nest deeper than this only in hostile input: real documents stay under ~100.
pub(crate) const MAX_ELEMENT_DEPTH: usize = 4096;

/// The namespaces the reader acts on; every other element is transparent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ns {
    W,
    Mc,
    Math,
    Other,
}

/// The class of a namespace URI (an empty one undeclares a prefix: no namespace).
fn classify(uri: &str) -> Ns {
    if W_NS.contains(&uri) {
        Ns::W
    } else if uri == MC_NS {
        Ns::Mc
    } else if MATH_NS.contains(&uri) {
        Ns::Math
    } else {
        Ns::Other
    }
}

/// Names the part of a package that is being read, for error messages.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Where<'a> {
    pub file: &'a str,
    pub part: &'a str,
}

impl Where<'_> {
    pub(crate) fn xml_error(&self, text: &str, position: u64, message: Msg) -> ReadError {
        let end = usize::try_from(position).unwrap_or(usize::MAX).min(text.len());
        let line =
            1 + text.as_bytes().get(..end).map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count());
        ReadError::Xml {
            file: self.file.to_string(),
            part: self.part.to_string(),
            position,
            line: line as u64,
            message,
        }
    }

    pub(crate) fn dtd(&self, position: u64) -> ReadError {
        ReadError::Dtd { file: self.file.to_string(), part: self.part.to_string(), position }
    }

    pub(crate) fn limit(&self, reason: Msg) -> ReadError {
        ReadError::Limit { file: self.file.to_string(), part: Some(self.part.to_string()), reason }
    }

    /// Counts one more open element, and refuses nesting deeper than [`MAX_ELEMENT_DEPTH`].
    pub(crate) fn enter(&self, depth: &mut usize) -> Result<(), ReadError> {
        *depth += 1;
        if *depth > MAX_ELEMENT_DEPTH {
            return Err(self.limit(msg!("read.xml.too-deep", limit = MAX_ELEMENT_DEPTH)));
        }
        Ok(())
    }
}

/// The text of an XML part and the encoding it was stored in.
pub(crate) struct Decoded<'a> {
    pub text: Cow<'a, str>,
    pub encoding: &'static str,
}

/// Decodes a part to UTF-8. OOXML parts are UTF-8 or UTF-16 (with or without a byte order
/// mark); an encoding named in the XML declaration is honoured when the bytes are not UTF-8.
pub(crate) fn decode<'a>(at: Where<'_>, bytes: &'a [u8]) -> Result<Decoded<'a>, ReadError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return utf8(at, rest, 3);
    }
    let utf16 = if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"<\0") {
        Some(encoding_rs::UTF_16LE)
    } else if bytes.starts_with(b"\xFE\xFF") || bytes.starts_with(b"\0<") {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    };
    if let Some(encoding) = utf16 {
        let (text, _, had_errors) = encoding.decode(bytes);
        if had_errors {
            return Err(at.xml_error(
                "",
                0,
                msg!("read.xml.invalid-data", encoding = encoding.name()),
            ));
        }
        let encoding = if encoding == encoding_rs::UTF_16LE { "utf-16le" } else { "utf-16be" };
        return Ok(Decoded { text, encoding });
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Decoded { text: Cow::Borrowed(text), encoding: "utf-8" }),
        Err(utf8_error) => {
            // Not UTF-8: honour a declared legacy encoding (`<?xml … encoding="GB2312"?>`),
            // which some generators write even though OOXML asks for UTF-8 or UTF-16.
            let declared = declared_encoding(bytes)
                .and_then(|label| encoding_rs::Encoding::for_label(label.as_bytes()))
                .filter(|e| *e != encoding_rs::UTF_8);
            match declared {
                Some(encoding) => {
                    let (text, _, had_errors) = encoding.decode(bytes);
                    if had_errors {
                        return Err(at.xml_error(
                            "",
                            0,
                            msg!("read.xml.invalid-data", encoding = encoding.name()),
                        ));
                    }
                    Ok(Decoded { text, encoding: static_name(encoding) })
                }
                None => {
                    let position = utf8_error.valid_up_to() as u64;
                    let text =
                        std::str::from_utf8(&bytes[..utf8_error.valid_up_to()]).unwrap_or("");
                    Err(at.xml_error(text, position, msg!("read.xml.invalid-utf8")))
                }
            }
        }
    }
}

fn utf8<'a>(at: Where<'_>, bytes: &'a [u8], offset: u64) -> Result<Decoded<'a>, ReadError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Decoded { text: Cow::Borrowed(text), encoding: "utf-8" }),
        Err(e) => {
            let text = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or("");
            Err(at.xml_error(text, offset + e.valid_up_to() as u64, msg!("read.xml.invalid-utf8")))
        }
    }
}

fn static_name(encoding: &'static encoding_rs::Encoding) -> &'static str {
    // encoding_rs names are static; lower-case the common ones for the `encoding` field.
    match encoding.name() {
        "GBK" => "gbk",
        "gb18030" => "gb18030",
        "Big5" => "big5",
        "windows-1252" => "windows-1252",
        other => other,
    }
}

/// The `encoding` pseudo-attribute of the XML declaration, if the part starts with one.
fn declared_encoding(bytes: &[u8]) -> Option<String> {
    let head = bytes.get(..bytes.len().min(200))?;
    if !head.starts_with(b"<?xml") {
        return None;
    }
    let end = head.windows(2).position(|w| w == b"?>")?;
    let decl = std::str::from_utf8(&head[..end]).ok()?;
    let at = decl.find("encoding")?;
    let rest = decl[at + "encoding".len()..].trim_start().strip_prefix('=')?.trim_start();
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = &rest[1..];
    Some(value[..value.find(quote)?].to_string())
}

/// A streaming reader configured the way every part is read: empty elements arrive as
/// Start + End (so `<w:tab/>` and `<w:vMerge/>` need no special case), text untrimmed
/// (`xml:space="preserve"` runs keep their spaces), end tags checked; each element comes
/// with the class of its namespace.
///
/// The events are quick-xml's, exactly: most of a part is cut into events by [`Scanner`],
/// and when it meets markup it leaves to quick-xml, quick-xml takes over where it stopped.
///
/// Namespaces are resolved here rather than by quick-xml's `NsReader`, which looks every
/// element's URI up and leaves it to be compared with the URIs the reader knows. Here a
/// binding is classified once, where an `xmlns` attribute declares it, and an element costs
/// a look-up of its prefix among the bindings in scope. The bindings follow `NsReader`'s
/// rules exactly, its errors included (reserved prefixes, the limit on bindings in scope,
/// the nesting limit), so every part reads as it did under `NsReader`.
pub(crate) struct Reader<'a> {
    text: &'a str,
    tokens: Tokens<'a>,
    /// The bindings in scope, innermost last.
    bindings: Vec<Binding>,
    /// Open elements, as `NsReader` counts them.
    level: u16,
    /// The last event ended an element: its bindings go before the next event is read.
    pending_pop: bool,
    /// The binding the last prefix resolved to, while the bindings stay as they are.
    last: Option<usize>,
}

enum Tokens<'a> {
    /// The reader's own tokenizer, and how many events it has given.
    Scanner(Scanner<'a>, u64),
    QuickXml(quick_xml::Reader<&'a [u8]>),
}

/// One `xmlns[:prefix]="uri"` declaration.
struct Binding {
    /// The declared prefix, empty for the default namespace. (`xmlns:=""` declares the
    /// default namespace too, as in `NsReader`.)
    prefix: Box<str>,
    ns: Ns,
    /// The level of the element that declares it.
    level: u16,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Reader {
            text,
            tokens: Tokens::Scanner(Scanner::new(text), 0),
            bindings: Vec::new(),
            level: 0,
            pending_pop: false,
            last: None,
        }
    }

    /// The next event, with the namespace class of its element (`Ns::Other` for events that
    /// are not elements).
    #[inline]
    pub(crate) fn read_event(&mut self) -> Result<(Ns, Event<'a>), quick_xml::Error> {
        if self.pending_pop {
            self.pending_pop = false;
            self.level = self.level.saturating_sub(1);
            while self.bindings.last().is_some_and(|b| b.level > self.level) {
                self.bindings.pop();
                self.last = None;
            }
        }
        let event = self.next_event()?;
        let ns = match &event {
            Event::Start(e) => {
                self.push(e)?;
                self.resolve(e.name())
            }
            Event::Empty(e) => {
                self.push(e)?;
                self.pending_pop = true;
                self.resolve(e.name())
            }
            Event::End(e) => {
                self.pending_pop = true;
                self.resolve(e.name())
            }
            _ => Ns::Other,
        };
        Ok((ns, event))
    }

    #[inline]
    fn next_event(&mut self) -> Result<Event<'a>, quick_xml::Error> {
        if let Tokens::Scanner(scanner, given) = &mut self.tokens {
            if let Some(event) = scanner.next() {
                *given += 1;
                return Ok(event);
            }
            let given = *given;
            self.hand_over(given)?;
        }
        match &mut self.tokens {
            Tokens::QuickXml(reader) => reader.read_event(),
            Tokens::Scanner(..) => unreachable!("the scanner has handed over to quick-xml"),
        }
    }

    /// Hands the part over to quick-xml, which reads it from its start: the `given` events
    /// the scanner gave are quick-xml's own, and are passed over.
    #[cold]
    fn hand_over(&mut self, given: u64) -> Result<(), quick_xml::Error> {
        let mut reader = quick_xml::Reader::from_str(self.text);
        configure(reader.config_mut());
        for _ in 0..given {
            reader.read_event()?;
        }
        self.tokens = Tokens::QuickXml(reader);
        Ok(())
    }

    /// The byte offset after the last event, as quick-xml counts it.
    pub(crate) fn buffer_position(&self) -> u64 {
        match &self.tokens {
            Tokens::Scanner(scanner, _) => scanner.position as u64,
            Tokens::QuickXml(reader) => reader.buffer_position(),
        }
    }

    /// Where quick-xml met the error just returned; 0 when it met none (the error was a
    /// namespace's, as quick-xml reports them).
    pub(crate) fn error_position(&self) -> u64 {
        match &self.tokens {
            Tokens::Scanner(..) => 0,
            Tokens::QuickXml(reader) => reader.error_position(),
        }
    }

    /// Opens an element's scope with the bindings it declares.
    fn push(&mut self, e: &BytesStart<'_>) -> Result<(), NamespaceError> {
        self.level =
            self.level.checked_add(1).ok_or(NamespaceError::TooDeeplyNested(u16::MAX as usize))?;
        // Few elements declare anything: one substring search passes the others without
        // parsing their attributes.
        if !e.attributes_raw().contains("xmlns") {
            return Ok(());
        }
        for attribute in e.attributes().with_checks(false) {
            let Ok(attribute) = attribute else { break };
            let prefix = match attribute.key.as_namespace_binding() {
                None => continue,
                Some(PrefixDeclaration::Default) => "",
                Some(PrefixDeclaration::Named("xml")) => {
                    if attribute.value != XML_NS {
                        return Err(NamespaceError::InvalidXmlPrefixBind(attribute.value.into()));
                    }
                    continue;
                }
                Some(PrefixDeclaration::Named("xmlns")) => {
                    return Err(NamespaceError::InvalidXmlnsPrefixBind(attribute.value.into()));
                }
                Some(PrefixDeclaration::Named(prefix)) => {
                    if attribute.value == XML_NS {
                        return Err(NamespaceError::InvalidPrefixForXml(prefix.to_string()));
                    }
                    if attribute.value == XMLNS_NS {
                        return Err(NamespaceError::InvalidPrefixForXmlns(prefix.to_string()));
                    }
                    prefix
                }
            };
            if self.bindings.len() >= DEFAULT_MAX_NAMESPACE_BINDINGS {
                return Err(NamespaceError::TooManyBindings(DEFAULT_MAX_NAMESPACE_BINDINGS));
            }
            self.last = None;
            self.bindings.push(Binding {
                prefix: prefix.into(),
                ns: classify(&attribute.value),
                level: self.level,
            });
        }
        Ok(())
    }

    /// The class of an element's namespace: its prefix's innermost binding, or the default
    /// namespace's for an unprefixed name. An unbound prefix has no namespace.
    fn resolve(&mut self, name: QName<'_>) -> Ns {
        // The prefix ends at the first colon (names are short: no `memchr` call).
        let name = name.into_inner();
        let prefix = match name.bytes().position(|b| b == b':') {
            None => "",
            // `:name` has a prefix, an empty one, which nothing binds.
            Some(0) => return Ns::Other,
            Some(colon) => &name[..colon],
        };
        // Almost every element has the prefix of the one before it.
        if let Some(binding) = self.last.and_then(|i| self.bindings.get(i)) {
            if same(&binding.prefix, prefix) {
                return binding.ns;
            }
        }
        match self.bindings.iter().rposition(|b| same(&b.prefix, prefix)) {
            Some(i) => {
                self.last = Some(i);
                self.bindings[i].ns
            }
            None => Ns::Other,
        }
    }
}

/// How quick-xml reads every part, when the reader hands a part over and when the reader is
/// compared with it: empty elements as Start + End, text untrimmed, end tags checked.
fn configure(config: &mut quick_xml::reader::Config) {
    config.expand_empty_elements = true;
    config.trim_text(false);
    config.check_end_names = true;
}

/// The reader's own tokenizer: quick-xml's events, exactly, for the markup parts are made
/// of (elements, text, entity and character references, the XML declaration, processing
/// instructions, comments, CDATA), without quick-xml's costs per event: a UTF-8 check of
/// every slice of a text that is already a `&str`, a copy of every element name to check
/// its end tag against, an allocation for the end of every empty element.
///
/// It stops (`None`) at anything else: a DOCTYPE, a byte order mark, and every error
/// quick-xml reports (an unclosed tag, quote, comment or reference, a mismatched or
/// unmatched end tag). [`Reader`] hands such a part to quick-xml, so events, errors and
/// error positions are always quick-xml's.
struct Scanner<'a> {
    text: &'a str,
    /// Where the next event starts: quick-xml's `buffer_position`.
    position: usize,
    /// The names of the open elements, to check end tags against.
    open: Vec<&'a str>,
    /// The name of the empty element just given as Start: its End comes next.
    empty: Option<&'a str>,
}

impl<'a> Scanner<'a> {
    fn new(text: &'a str) -> Self {
        Scanner { text, position: 0, open: Vec::new(), empty: None }
    }

    #[inline]
    fn next(&mut self) -> Option<Event<'a>> {
        if let Some(name) = self.empty.take() {
            return Some(Event::End(BytesEnd::new(name)));
        }
        // quick-xml drops a byte order mark without counting it in its positions.
        if self.position == 0 && self.text.starts_with('\u{feff}') {
            return None;
        }
        let text = self.text;
        let rest = &text[self.position..];
        let bytes = rest.as_bytes();
        match bytes.first() {
            None => Some(Event::Eof),
            Some(b'<') => self.markup(rest),
            Some(b'&') => {
                // `&name;`: a `;` before any `&` or `<`.
                let end = 1 + bytes[1..].iter().position(|&b| matches!(b, b';' | b'&' | b'<'))?;
                if bytes[end] != b';' {
                    return None;
                }
                self.position += end + 1;
                Some(Event::GeneralRef(BytesRef::new(&rest[1..end])))
            }
            Some(_) => {
                let end = bytes.iter().position(|&b| b == b'<' || b == b'&').unwrap_or(bytes.len());
                self.position += end;
                Some(Event::Text(BytesText::from_escaped(&rest[..end])))
            }
        }
    }

    /// The markup at the start of `rest` (which starts with `<`).
    fn markup(&mut self, rest: &'a str) -> Option<Event<'a>> {
        let bytes = rest.as_bytes();
        // The index of the first `>` from `from` on that ends with `close` (`-->`, `]]>`).
        let ending = |from: usize, close: &[u8]| {
            (from..bytes.len()).find(|&i| bytes[i] == b'>' && bytes[..i].ends_with(close))
        };
        match *bytes.get(1)? {
            b'!' if rest.starts_with("<!--") => {
                // `<!---->` is the shortest comment: quick-xml looks for its end from there.
                let end = ending(6, b"--")?;
                self.position += end + 1;
                Some(Event::Comment(BytesText::from_escaped(&rest[4..end - 2])))
            }
            b'!' if rest.starts_with("<![CDATA[") => {
                let end = ending(11, b"]]")?;
                self.position += end + 1;
                Some(Event::CData(BytesCData::new(&rest[9..end - 2])))
            }
            // A DOCTYPE, or markup that is none of these.
            b'!' => None,
            b'?' => {
                // Up to the first `?>`; `<?>` is not one.
                let end = (2..bytes.len()).find(|&i| bytes[i] == b'>' && bytes[i - 1] == b'?')?;
                if end < 3 {
                    return None;
                }
                self.position += end + 1;
                let content = &rest[2..end - 1];
                let declaration = content.starts_with("xml")
                    && content.as_bytes().get(3).is_none_or(|&b| is_xml_space(b));
                Some(if declaration {
                    Event::Decl(BytesDecl::from_start(BytesStart::from_content(content, 3)))
                } else {
                    Event::PI(BytesPI::new(content))
                })
            }
            b'/' => {
                let end = tag_end(bytes)?;
                self.position += end + 1;
                // Trailing white space is not part of the name (unless it is all there is).
                let content = &rest[2..end];
                let name = match content.as_bytes().iter().rposition(|&b| !is_xml_space(b)) {
                    Some(last) => &content[..=last],
                    None => content,
                };
                if !same(self.open.pop()?, name) {
                    return None;
                }
                Some(Event::End(BytesEnd::new(name)))
            }
            _ => {
                let end = tag_end(bytes)?;
                self.position += end + 1;
                let content = &rest[1..end];
                let (content, empty) = match content.strip_suffix('/') {
                    Some(content) => (content, true),
                    None => (content, false),
                };
                let name_len = content
                    .as_bytes()
                    .iter()
                    .position(|&b| is_xml_space(b))
                    .unwrap_or(content.len());
                let name = &content[..name_len];
                if empty {
                    self.empty = Some(name);
                } else {
                    self.open.push(name);
                }
                Some(Event::Start(BytesStart::from_content(content, name_len)))
            }
        }
    }
}

/// The index of the `>` that closes the tag at the start of `bytes`: the first one outside
/// quotes, as quick-xml finds it.
fn tag_end(bytes: &[u8]) -> Option<usize> {
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'>' => return Some(i),
            // Inside quotes only the same quote counts.
            b'\'' | b'"' => i += 1 + bytes.get(i + 1..)?.iter().position(|&c| c == b)?,
            _ => {}
        }
        i += 1;
    }
    None
}

/// Whether two names are equal. Names are short: comparing them inline beats the call to
/// `memcmp` that `==` makes.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).all(|(x, y)| x == y)
}

fn is_xml_space(b: u8) -> bool {
    matches!(b, b' ' | b'\r' | b'\n' | b'\t')
}

/// The value of the attribute with this local name (prefixes are not compared: WordprocessingML
/// attributes are always in the element's own namespace).
pub(crate) fn attr<'a>(e: &'a BytesStart<'_>, local: &str) -> Option<Cow<'a, str>> {
    for a in e.attributes().with_checks(false).flatten() {
        if a.key.local_name().into_inner() == local {
            return a.normalized_value(XmlVersion::Implicit1_0).ok();
        }
    }
    None
}

/// An on/off property (`<w:tblHeader/>`, `w:val="0"`, `w:val="false"`, `w:val="off"`).
pub(crate) fn on_off(e: &BytesStart<'_>) -> bool {
    !matches!(attr(e, "val").as_deref(), Some("0" | "false" | "off"))
}

/// A decimal attribute value. Strict documents may write measures with units (`233.75pt`),
/// so anything that is not a plain integer reads as `None` instead of failing.
pub(crate) fn int_attr(e: &BytesStart<'_>, local: &str) -> Option<i64> {
    attr(e, local)?.trim().parse().ok()
}

/// The text an entity or character reference stands for. Only the five predefined entities
/// and character references exist: a part with a DOCTYPE is refused before any reference
/// to a declared entity could be reached.
pub(crate) fn reference(r: &BytesRef<'_>) -> Result<Cow<'static, str>, Msg> {
    if r.is_char_ref() {
        return match r.resolve_char_ref() {
            Ok(Some(c)) => Ok(Cow::Owned(c.to_string())),
            Ok(None) | Err(_) => Err(msg!("read.xml.bad-char-ref", reference = r.xml10_content())),
        };
    }
    let name = r.xml10_content();
    match &*name {
        "amp" => Ok(Cow::Borrowed("&")),
        "lt" => Ok(Cow::Borrowed("<")),
        "gt" => Ok(Cow::Borrowed(">")),
        "quot" => Ok(Cow::Borrowed("\"")),
        "apos" => Ok(Cow::Borrowed("'")),
        other => Err(msg!("read.xml.undefined-entity", entity = other)),
    }
}

/// Where [`Reader`] and quick-xml's `NsReader` part ways on `xml`: the first event, position,
/// namespace class or error that differs, or `None` when they agree throughout. The tests and
/// a fuzz target hold the reader to quick-xml with it.
#[cfg(any(test, feature = "testing"))]
pub(crate) fn differs_from_quick_xml(xml: &str) -> Option<String> {
    let ours = Stream::ours(xml);
    let theirs = Stream::quick_xml(xml);
    let at = ours.0.iter().zip(&theirs.0).position(|(a, b)| a != b);
    match at {
        Some(i) => Some(format!("event {i}: {} (quick-xml: {})", ours.0[i], theirs.0[i])),
        None if ours.0.len() != theirs.0.len() => {
            Some(format!("{} events (quick-xml: {})", ours.0.len(), theirs.0.len()))
        }
        None => None,
    }
}

/// Every event of a part, shown with its namespace class and the position after it, ending
/// with the error met, if any.
#[cfg(any(test, feature = "testing"))]
struct Stream(Vec<String>);

#[cfg(any(test, feature = "testing"))]
impl Stream {
    /// At most this many events are compared: enough for any input a fuzzer makes.
    const MAX_EVENTS: usize = 100_000;

    fn ours(xml: &str) -> Stream {
        let mut reader = Reader::new(xml);
        let mut out = Vec::new();
        while out.len() < Self::MAX_EVENTS {
            match reader.read_event() {
                Ok((_, Event::Eof)) => break,
                Ok((ns, e)) => {
                    out.push(format!("{:?} {ns:?} {}", e.into_owned(), reader.buffer_position()))
                }
                Err(e) => {
                    out.push(format!("error {e} at {}", reader.error_position()));
                    break;
                }
            }
        }
        Stream(out)
    }

    fn quick_xml(xml: &str) -> Stream {
        use quick_xml::name::ResolveResult;
        let mut reader = quick_xml::NsReader::from_str(xml);
        configure(reader.config_mut());
        let mut out = Vec::new();
        while out.len() < Self::MAX_EVENTS {
            match reader.read_resolved_event() {
                Ok((_, Event::Eof)) => break,
                Ok((ns, e)) => {
                    // Our reader classes the elements only; quick-xml resolves every event.
                    let ns = match (&e, ns) {
                        (Event::Start(_) | Event::End(_), ResolveResult::Bound(ns)) => {
                            classify(ns.into_inner())
                        }
                        _ => Ns::Other,
                    };
                    out.push(format!("{:?} {ns:?} {}", e.into_owned(), reader.buffer_position()))
                }
                Err(e) => {
                    out.push(format!("error {e} at {}", reader.error_position()));
                    break;
                }
            }
        }
        Stream(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_are_quick_xml_events() {
        let sample = "<?xml version=\"1.0\" standalone=\"yes\"?>\r\n<?mso-application progid=\"Word.Document\"?>\
            <w:document xmlns:w=\"urn:w\"><w:body><w:p><w:r><w:t xml:space=\"preserve\"> a &amp; b &#x4E00;\r\n</w:t>\
            <w:tab/><w:sym w:char='F0B7' w:font=\"a>b\"/></w:r></w:p ><w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>\
            <x/>< y / ><z\t/><!-- c --><w:t><![CDATA[<&>]]></w:t>中文</w:body></w:document>\n";
        let mut cases: Vec<String> = vec![
            String::new(),
            "text only".into(),
            "\u{feff}<a/>".into(),
            "<a><b></a>".into(),
            "</a>".into(),
            "<a></a ></a>".into(),
            "<a>&amp</a>".into(),
            "<a>&amp&lt;</a>".into(),
            "<a>&;</a>".into(),
            "<?>".into(),
            "<??>".into(),
            "<?xml?><a/>".into(),
            "<?xmlx?><a/>".into(),
            "<!DOCTYPE a><a/>".into(),
            "<a b='>' c=\"'\">x</a>".into(),
            "<a>".into(),
            "<".into(),
            "<a b='".into(),
            "<></>".into(),
            "</ >".into(),
            "<a><!----><!--->--><!-- a -- b --></a>".into(),
            "<a><!--></a>".into(),
            "<a><!-x--></a>".into(),
            "<a><![CDATA[]]><![CDATA[x]>]]]]><![cdata[y]]></a>".into(),
            "<a><![CDATA[x]></a>".into(),
            "<a><!></a>".into(),
        ];
        // Every prefix of the sample, and the sample with markup characters put in anywhere.
        for end in 0..=sample.len() {
            if sample.is_char_boundary(end) {
                cases.push(sample[..end].to_string());
                for c in ["<", ">", "&", "'", "\"", "/", "!", "?", " "] {
                    cases.push(format!("{}{c}{}", &sample[..end], &sample[end..]));
                }
            }
        }
        for xml in &cases {
            if let Some(difference) = differs_from_quick_xml(xml) {
                panic!("{xml:?}: {difference}");
            }
        }
    }

    #[test]
    fn namespaces_resolve_as_ns_reader_resolves_them() {
        let w = W_NS[0];
        let strict = W_NS[1];
        let many: String = (0..130).map(|i| format!(" xmlns:p{i}=\"urn:{i}\"")).collect();
        let cases = [
            format!(r#"<w:document xmlns:w="{w}"><w:body><w:p/></w:body></w:document>"#),
            format!(r#"<document xmlns="{strict}"><body><p/></body></document>"#),
            // A prefix rebound inside, undeclared (`xmlns:w=""`), then back in scope.
            format!(
                r#"<w:a xmlns:w="{w}"><w:b xmlns:w="urn:x"><w:c/></w:b><w:d xmlns:w=""><w:e/></w:d><w:f/></w:a>"#
            ),
            // The default namespace set, reset, and set through `xmlns:=`.
            format!(r#"<a xmlns="{w}"><b xmlns=""><c/></b><d xmlns:="{MC_NS}"><e/></d><f/></a>"#),
            // Odd prefixes: the reserved ones, an empty one, one with two colons.
            format!(
                r#"<x:a xmlns:x="{}" xmlns:m="{}"><xml:b/><xmlns:c/><:d/><x:y:e/><m:t/></x:a>"#,
                W_NS[0], MATH_NS[1]
            ),
            format!(r#"<w:a xmlns:w="{w}" xmlns:xml="{XML_NS}"><w:b/></w:a>"#),
            format!(r#"<w:a xmlns:w="{w}" xmlns:xml="urn:other"/>"#),
            format!(r#"<w:a xmlns:w="{w}" xmlns:xmlns="urn:other"/>"#),
            format!(r#"<w:a xmlns:w="{w}" xmlns:q="{XML_NS}"/>"#),
            format!(r#"<w:a xmlns:w="{w}" xmlns:q="{XMLNS_NS}"/>"#),
            format!(r#"<w:a xmlns:w="{w}"{many}/>"#),
            // Bindings are compared raw, as written.
            format!(r#"<w:a xmlns:w="{}&amp;"><w:b/></w:a>"#, W_NS[0]),
            // A broken attribute list ends the declarations.
            format!(r#"<w:a xmlns:w="{w}" junk xmlns:w="urn:x"><w:b/></w:a>"#),
            format!(r#"<w:a xmlns:w="{w}"><w:b></w:c></w:a>"#),
        ];
        for xml in &cases {
            if let Some(difference) = differs_from_quick_xml(xml) {
                panic!("{xml}: {difference}");
            }
        }
        // Reserved prefixes misused (four), too many bindings, a mismatched end tag.
        let fails = |xml: &str| Stream::ours(xml).0.last().is_some_and(|e| e.starts_with("error"));
        assert_eq!(cases.iter().filter(|xml| fails(xml)).count(), 6);
        let deep = "<a>".repeat(70_000);
        assert!(Stream::ours(&deep).0.last().unwrap().contains("deeper than"));
        assert_eq!(differs_from_quick_xml(&deep), None);
    }
}
