//! The pattern compiler: reads pattern text token by token, in the order
//! and with the checks and messages of event-ruler's `JsonRuleCompiler`
//! (the compiler EventBridge uses), and builds the pattern tree.

use super::reader::{Located, Reader, Tok};
use super::values::{check_wildcard, number_literal, parse_cidr, scaled, Literal, Matcher};
use super::{Field, Node};

/// Field names that cannot appear inside `$or` objects (event-ruler's
/// `RESERVED_FIELD_NAMES_IN_OR_RELATIONSHIP`).
const RESERVED_IN_OR: [&str; 25] = [
    "exactly",
    "equals-ignore-case",
    "prefix",
    "suffix",
    "anything-but",
    "exists",
    "wildcard",
    "numeric",
    "cidr",
    "html",
    "=",
    "<",
    "<=",
    ">",
    ">=",
    "regex",
    "not-wildcard",
    "not-equals-ignore-case",
    "date-after",
    "date-on-or-after",
    "date-before",
    "date-on-or-before",
    "in-date-range",
    "ip-address-in-range",
    "ip-address-not-in-range",
];

/// A compile failure: with Jackson's location (a `JsonParseException`), or
/// without one (an `IllegalArgumentException` escaping the compiler).
pub(super) enum Failure {
    At(Located),
    Bare(String),
}

impl From<Located> for Failure {
    fn from(l: Located) -> Failure {
        Failure::At(l)
    }
}

type R<T> = Result<T, Failure>;

pub(super) struct Compiler<'a> {
    pub r: Reader<'a>,
}

impl Compiler<'_> {
    fn next(&mut self) -> R<Option<Tok>> {
        Ok(self.r.next()?)
    }

    fn barf<T>(&self, message: impl Into<String>) -> R<T> {
        Err(Failure::At(self.r.err(message)))
    }

    pub(super) fn compile(&mut self) -> R<Node> {
        if self.next()? != Some(Tok::StartObject) {
            return self.barf("Filter is not an object");
        }
        let mut root = Node::default();
        self.object(&mut root, false)?;
        Ok(root)
    }

    /// The members of an object whose `{` has been read.
    fn object(&mut self, node: &mut Node, in_or: bool) -> R<()> {
        let mut fields_present = false;
        loop {
            let tok = self.next()?;
            let name = match tok {
                Some(Tok::EndObject) => break,
                Some(Tok::FieldName(name)) => name,
                _ => return self.barf("Unexpected token in object"),
            };
            fields_present = true;
            if name == "$or" {
                let group = self.or_group()?;
                node.ors.push(group);
                continue;
            }
            if in_or && RESERVED_IN_OR.contains(&name.as_str()) {
                return self.barf(format!(
                    "{name} is Ruler reserved fieldName which cannot be used inside $or."
                ));
            }
            match self.next()? {
                Some(Tok::StartObject) => {
                    let field = node.field_mut(&name);
                    let nested = field.nested.get_or_insert_with(Node::default);
                    self.object(nested, in_or)?;
                }
                Some(Tok::StartArray) => {
                    let values = self.values()?;
                    // Duplicate paths: the last one wins (event-ruler compiles
                    // with overriding on).
                    node.field_mut(&name).leaf = Some(values);
                }
                _ => return self.barf(format!("\"{name}\" must be an object or an array")),
            }
        }
        if !fields_present {
            return self.barf("Empty objects are not allowed");
        }
        Ok(())
    }

    /// The array after `"$or":`.
    fn or_group(&mut self) -> R<Vec<Node>> {
        if self.next()? != Some(Tok::StartArray) {
            return self.barf("It must be an Array followed with $or.");
        }
        let mut alternatives = Vec::new();
        loop {
            match self.next()? {
                Some(Tok::EndArray) => break,
                Some(Tok::StartObject) => {
                    let mut alt = Node::default();
                    self.object(&mut alt, true)?;
                    alternatives.push(alt);
                }
                _ => return self.barf("Only JSON object is allowed in array of $or relationship."),
            }
        }
        if alternatives.len() < 2 {
            return self.barf("There must have at least 2 Objects in $or relationship.");
        }
        Ok(alternatives)
    }

    /// The values of a leaf field, after its `[`.
    fn values(&mut self) -> R<Vec<Matcher>> {
        let mut values = Vec::new();
        loop {
            let tok = self.next()?;
            match tok {
                Some(Tok::EndArray) => break,
                Some(Tok::StartObject) => values.push(self.match_expression()?),
                Some(Tok::Str(s)) => {
                    self.r.touch_text();
                    values.push(Matcher::Exact(Literal::Str(s)));
                }
                Some(Tok::Num(text, _)) => values.push(Matcher::Exact(number_literal(&text))),
                Some(Tok::Null) => values.push(Matcher::Exact(Literal::Null)),
                Some(Tok::True) => values.push(Matcher::Exact(Literal::Bool(true))),
                Some(Tok::False) => values.push(Matcher::Exact(Literal::Bool(false))),
                _ => return self.barf("Match value must be String, number, true, false, or null"),
            }
        }
        if values.is_empty() {
            return self.barf("Empty arrays are not allowed");
        }
        Ok(values)
    }

    /// Expects the `}` that closes a one-key match expression.
    fn end_object(&mut self, message: &str) -> R<()> {
        if self.next()? != Some(Tok::EndObject) {
            return self.barf(message.to_owned());
        }
        Ok(())
    }

    fn string_operand(&mut self, message: &str) -> R<String> {
        match self.next()? {
            Some(Tok::Str(s)) => {
                self.r.touch_text();
                Ok(s)
            }
            _ => self.barf(message.to_owned()),
        }
    }

    /// A match expression after its `{`.
    fn match_expression(&mut self) -> R<Matcher> {
        let Some(Tok::FieldName(op)) = self.next()? else {
            return self.barf("Match expression name not found");
        };
        const ONE_KEY: &str = "Only one key allowed in match expression";
        match op.as_str() {
            "exactly" => {
                let s = self.string_operand("exact match pattern must be a string")?;
                self.end_object(ONE_KEY)?;
                Ok(Matcher::Exact(Literal::Str(s)))
            }
            "prefix" | "suffix" => {
                let is_prefix = op == "prefix";
                match self.next()? {
                    Some(Tok::StartObject) => {
                        let kind = if is_prefix {
                            ("Prefix", "prefix")
                        } else {
                            ("Suffix", "suffix")
                        };
                        let Some(Tok::FieldName(inner)) = self.next()? else {
                            return self.barf(format!("{} expression name not found", kind.0));
                        };
                        if inner != "equals-ignore-case" {
                            return self.barf(format!("Unsupported {} pattern: {inner}", kind.1));
                        }
                        let s = self.string_operand("equals-ignore-case match pattern must be a string")?;
                        self.end_object(ONE_KEY)?;
                        self.end_object(ONE_KEY)?;
                        Ok(if is_prefix {
                            Matcher::PrefixIgnoreCase(s)
                        } else {
                            Matcher::SuffixIgnoreCase(s)
                        })
                    }
                    Some(Tok::Str(s)) => {
                        self.r.touch_text();
                        self.end_object(ONE_KEY)?;
                        Ok(if is_prefix {
                            Matcher::Prefix(s)
                        } else {
                            Matcher::Suffix(s)
                        })
                    }
                    _ => self.barf(format!("{op} match pattern must be a string")),
                }
            }
            "numeric" => {
                if self.next()? != Some(Tok::StartArray) {
                    return self.barf("Value of numeric must be an array.");
                }
                let m = self.numeric()?;
                self.end_object("Too many elements in numeric expression")?;
                Ok(m)
            }
            "anything-but" => self.anything_but(),
            "exists" => {
                let b = match self.next()? {
                    Some(Tok::True) => true,
                    Some(Tok::False) => false,
                    _ => return self.barf("exists match pattern must be either true or false."),
                };
                self.end_object(ONE_KEY)?;
                Ok(Matcher::Exists(b))
            }
            "cidr" => {
                // event-ruler's message for a non-string CIDR says "prefix".
                let s = self.string_operand("prefix match pattern must be a string")?;
                // CIDR errors escape the compiler without a location.
                let range = parse_cidr(&s).map_err(Failure::Bare)?;
                self.end_object(ONE_KEY)?;
                Ok(Matcher::Cidr(range))
            }
            "equals-ignore-case" => {
                let s = self.string_operand("equals-ignore-case match pattern must be a string")?;
                self.end_object(ONE_KEY)?;
                Ok(Matcher::EqualsIgnoreCase(s))
            }
            "wildcard" => {
                let s = self.string_operand("wildcard match pattern must be a string")?;
                if let Err(m) = check_wildcard(&s) {
                    return self.barf(m);
                }
                self.end_object(ONE_KEY)?;
                Ok(Matcher::Wildcard(s))
            }
            other => self.barf(format!("Unrecognized match type {other}")),
        }
    }

    /// `anything-but` after its field name.
    fn anything_but(&mut self) -> R<Matcher> {
        #[derive(PartialEq, Clone, Copy)]
        enum Kind {
            Plain,
            IgnoreCase,
            Prefix,
            Suffix,
            Wildcard,
        }
        let mut kind = Kind::Plain;
        let mut tok = self.next()?;
        if tok == Some(Tok::StartObject) {
            let Some(Tok::FieldName(op)) = self.next()? else {
                return self.barf("Anything-But expression name not found");
            };
            kind = match op.as_str() {
                "equals-ignore-case" => Kind::IgnoreCase,
                "prefix" => Kind::Prefix,
                "suffix" => Kind::Suffix,
                "wildcard" => Kind::Wildcard,
                _ => return self.barf(format!("Unsupported anything-but pattern: {op}")),
            };
            tok = self.next()?;
        }
        let is_array = tok == Some(Tok::StartArray);
        if !is_array && !matches!(tok, Some(Tok::Str(_) | Tok::Num(..))) {
            return self.barf("Value of anything-but must be an array or single string/number value.");
        }
        let wrong_type = match kind {
            Kind::IgnoreCase => {
                "Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported."
            }
            Kind::Wildcard => "wildcard match pattern must be a string",
            _ => "prefix/suffix match pattern must be a string",
        };
        let matcher = if kind == Kind::Plain {
            let mut lits = Vec::new();
            if is_array {
                let (mut has_num, mut has_str) = (false, false);
                loop {
                    match self.next()? {
                        Some(Tok::EndArray) => break,
                        Some(Tok::Str(s)) => {
                            self.r.touch_text();
                            has_str = true;
                            lits.push(Literal::Str(s));
                        }
                        Some(Tok::Num(text, _)) => {
                            has_num = true;
                            if let Err(e) = scaled(&text) {
                                return self.barf(e.message());
                            }
                            lits.push(number_literal(&text));
                        }
                        _ => return self.barf("Inside anything but list, start|null|boolean is not supported."),
                    }
                }
                if has_num == has_str {
                    return self.barf(
                        "Inside anything but list, either all values are number or string, mixed type is not supported",
                    );
                }
            } else {
                match tok {
                    Some(Tok::Str(s)) => {
                        self.r.touch_text();
                        lits.push(Literal::Str(s));
                    }
                    Some(Tok::Num(text, _)) => {
                        // Not caught by the compiler: no location.
                        scaled(&text).map_err(|e| Failure::Bare(e.message().to_owned()))?;
                        lits.push(number_literal(&text));
                    }
                    _ => return self.barf("Inside anything-but list, start|null|boolean is not supported."),
                }
            }
            Matcher::AnythingBut(lits)
        } else {
            let mut texts = Vec::new();
            let mut take = |this: &mut Self, tok: Option<Tok>| -> R<()> {
                match tok {
                    Some(Tok::Str(s)) => {
                        this.r.touch_text();
                        if matches!(kind, Kind::Prefix | Kind::Suffix) && s.is_empty() {
                            return this.barf("Null prefix/suffix not allowed");
                        }
                        texts.push(s);
                        Ok(())
                    }
                    _ => this.barf(wrong_type),
                }
            };
            if is_array {
                loop {
                    let t = self.next()?;
                    if t == Some(Tok::EndArray) {
                        break;
                    }
                    take(self, t)?;
                }
            } else {
                take(self, tok)?;
            }
            if kind == Kind::Wildcard {
                for w in &texts {
                    if let Err(m) = check_wildcard(w) {
                        return self.barf(m);
                    }
                }
            }
            match kind {
                Kind::IgnoreCase => Matcher::AnythingButIgnoreCase(texts),
                Kind::Prefix => Matcher::AnythingButPrefix(texts),
                Kind::Suffix => Matcher::AnythingButSuffix(texts),
                _ => Matcher::AnythingButWildcard(texts),
            }
        };
        // event-ruler reports any extra member here as a numeric problem.
        self.end_object("Too many elements in numeric expression")?;
        if kind != Kind::Plain {
            self.end_object("Too many elements in numeric expression")?;
        }
        Ok(matcher)
    }

    /// The numeric expression's array, after its `[`.
    fn numeric(&mut self) -> R<Matcher> {
        let op = match self.next()? {
            Some(Tok::Str(s)) => {
                self.r.touch_text();
                s
            }
            other => {
                let text = token_text(other.as_ref());
                return self.barf(format!("Invalid member in numeric match: {text}"));
            }
        };
        let tok = self.next()?;
        let value = |this: &Self, tok: &Option<Tok>, op: &str| -> R<i64> {
            match tok {
                Some(Tok::Num(text, _)) => scaled(text).or_else(|e| this.barf(e.message())),
                _ => this.barf(format!("Value of {op} must be numeric")),
            }
        };
        match op.as_str() {
            "=" => {
                let v = value(self, &tok, "equals")?;
                if self.next()? != Some(Tok::EndArray) {
                    return self.barf("Too many elements in numeric expression");
                }
                Ok(Matcher::Numeric {
                    low: Some((v, true)),
                    high: Some((v, true)),
                })
            }
            ">" | ">=" => {
                let low = (value(self, &tok, &op)?, op == ">=");
                let t = self.next()?;
                if t == Some(Tok::EndArray) {
                    return Ok(Matcher::Numeric {
                        low: Some(low),
                        high: None,
                    });
                }
                let op2 = match t {
                    Some(Tok::Str(s)) => {
                        self.r.touch_text();
                        s
                    }
                    other => {
                        let text = token_text(other.as_ref());
                        return self.barf(format!("Bad value in numeric range: {text}"));
                    }
                };
                if op2 != "<" && op2 != "<=" {
                    return self.barf(format!("Bad numeric range operator: {op2}"));
                }
                let t = self.next()?;
                let high = (value(self, &t, &op2)?, op2 == "<=");
                if self.next()? != Some(Tok::EndArray) {
                    return self.barf("Too many terms in numeric range expression");
                }
                if low.0 >= high.0 {
                    return self.barf("Bottom must be less than top");
                }
                Ok(Matcher::Numeric {
                    low: Some(low),
                    high: Some(high),
                })
            }
            "<" | "<=" => {
                let high = (value(self, &tok, &op)?, op == "<=");
                if self.next()? != Some(Tok::EndArray) {
                    return self.barf("Too many elements in numeric expression");
                }
                Ok(Matcher::Numeric {
                    low: None,
                    high: Some(high),
                })
            }
            _ => self.barf(format!("Unrecognized numeric range operator: {op}")),
        }
    }
}

impl Node {
    fn field_mut(&mut self, name: &str) -> &mut Field {
        let i = match self.fields.iter().position(|(n, _)| n == name) {
            Some(i) => i,
            None => {
                self.fields.push((name.to_owned(), Field::default()));
                self.fields.len() - 1
            }
        };
        &mut self.fields[i].1
    }
}

/// Jackson's `getText()` of a token, for messages that quote it.
fn token_text(tok: Option<&Tok>) -> String {
    match tok {
        None => "null".into(),
        Some(Tok::StartObject) => "{".into(),
        Some(Tok::EndObject) => "}".into(),
        Some(Tok::StartArray) => "[".into(),
        Some(Tok::EndArray) => "]".into(),
        Some(Tok::FieldName(s)) | Some(Tok::Str(s)) => s.clone(),
        Some(Tok::Num(t, _)) => t.clone(),
        Some(Tok::True) => "true".into(),
        Some(Tok::False) => "false".into(),
        Some(Tok::Null) => "null".into(),
    }
}
