//! A structural JSON scanner: where values start and end, without building them.
//!
//! A registry document is mostly versions an install never reads (Next.js': 2,600 versions in
//! 20 MB), and serde_json, which validates every byte it skips, spent ~0.35 s of CPU on the
//! documents of a large app's cold install. This scanner finds the end of a string with `memchr`
//! and checks only structure: strings closed, brackets balanced in number, keys and separators
//! where they belong. What is kept is parsed by serde_json when it is read.

/// Where a document stopped making sense.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScanError {
    /// A byte offset into the scanned text.
    pub at: usize,
    pub expected: &'static str,
}

impl std::fmt::Display for ScanError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "expected {} at byte {}", self.expected, self.at)
    }
}

/// A cursor over JSON text.
pub struct Scanner<'a> {
    text: &'a [u8],
    at: usize,
}

impl<'a> Scanner<'a> {
    pub fn new(text: &'a [u8]) -> Self {
        Scanner { text, at: 0 }
    }

    /// The next byte that is not whitespace, left unread.
    pub fn peek(&mut self) -> Option<u8> {
        while let Some(&b) = self.text.get(self.at) {
            if !matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
                return Some(b);
            }
            self.at += 1;
        }
        None
    }

    fn error(&self, expected: &'static str) -> ScanError {
        ScanError {
            at: self.at,
            expected,
        }
    }

    /// Reads `byte` (after whitespace), or fails naming `expected`.
    fn eat(&mut self, byte: u8, expected: &'static str) -> Result<(), ScanError> {
        if self.peek() != Some(byte) {
            return Err(self.error(expected));
        }
        self.at += 1;
        Ok(())
    }

    /// Reads the object that comes next. `each` gets every key as written between its quotes
    /// (escapes left as they are) and must read the key's value, with [`Scanner::value`] or
    /// [`Scanner::object`].
    pub fn object<E: From<ScanError>>(
        &mut self,
        mut each: impl FnMut(&mut Self, &'a [u8]) -> Result<(), E>,
    ) -> Result<(), E> {
        self.eat(b'{', "`{`")?;
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(());
        }
        loop {
            if self.peek() != Some(b'"') {
                return Err(self.error("a key").into());
            }
            let key = self.string()?;
            self.eat(b':', "`:`")?;
            each(self, key)?;
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    return Ok(());
                }
                _ => return Err(self.error("`,` or `}`").into()),
            }
        }
    }

    /// Reads the value that comes next; its text.
    pub fn value(&mut self) -> Result<&'a [u8], ScanError> {
        let start = match self.peek() {
            Some(_) => self.at,
            None => return Err(self.error("a value")),
        };
        match self.text[start] {
            b'"' => {
                self.string()?;
            }
            b'{' | b'[' => self.nested()?,
            b'}' | b']' | b',' | b':' => return Err(self.error("a value")),
            _ => {
                let rest = &self.text[start..];
                self.at += rest
                    .iter()
                    .position(|b| matches!(b, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r'))
                    .unwrap_or(rest.len());
            }
        }
        Ok(&self.text[start..self.at])
    }

    /// Checks that nothing but whitespace is left.
    pub fn end(&mut self) -> Result<(), ScanError> {
        match self.peek() {
            None => Ok(()),
            Some(_) => Err(self.error("the end of the document")),
        }
    }

    /// Reads the string that starts here; what is between its quotes.
    fn string(&mut self) -> Result<&'a [u8], ScanError> {
        let start = self.at + 1;
        let mut at = start;
        loop {
            let found = self
                .text
                .get(at..)
                .and_then(|rest| memchr::memchr2(b'"', b'\\', rest));
            match found {
                Some(i) if self.text[at + i] == b'"' => {
                    self.at = at + i + 1;
                    return Ok(&self.text[start..at + i]);
                }
                // A backslash: the byte after it is escaped, whatever it is.
                Some(i) => at += i + 2,
                None => return Err(self.error("a closing `\"`")),
            }
        }
    }

    /// Reads the object or array that starts here.
    fn nested(&mut self) -> Result<(), ScanError> {
        let start = self.at;
        let mut depth = 0usize;
        while let Some(&b) = self.text.get(self.at) {
            match b {
                b'"' => {
                    self.string()?;
                    continue;
                }
                b'{' | b'[' => depth += 1,
                b'}' | b']' => {
                    depth -= 1;
                    if depth == 0 {
                        self.at += 1;
                        return Ok(());
                    }
                }
                _ => {}
            }
            self.at += 1;
        }
        self.at = start;
        Err(self.error("a closing bracket for this one"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::Value;

    /// Every value of an object, as the scanner sees it.
    fn members(text: &str) -> Result<Vec<(String, String)>, ScanError> {
        let mut scan = Scanner::new(text.as_bytes());
        let mut found = Vec::new();
        scan.object(|scan, key| {
            let value = scan.value()?;
            found.push((
                String::from_utf8(key.to_vec()).unwrap(),
                String::from_utf8(value.to_vec()).unwrap(),
            ));
            Ok::<_, ScanError>(())
        })?;
        scan.end()?;
        Ok(found)
    }

    #[test]
    fn values_are_cut_where_they_end() {
        let text = r#" { "a" : "x\"}" , "b":{"c":[1,{"d":"]"}]} ,"e":-1.5e3,"f":null, "g\\":[] } "#;
        assert_eq!(
            members(text).unwrap(),
            [
                ("a", r#""x\"}""#),
                ("b", r#"{"c":[1,{"d":"]"}]}"#),
                ("e", "-1.5e3"),
                ("f", "null"),
                (r"g\\", "[]"),
            ]
            .map(|(k, v)| (k.to_string(), v.to_string()))
        );
        assert_eq!(members("{}").unwrap(), []);
    }

    #[test]
    fn broken_structure_is_an_error_not_a_panic() {
        for text in [
            "",
            "{",
            "[]",
            r#"{"a"}"#,
            r#"{"a":}"#,
            r#"{"a":1"#,
            r#"{"a":1,}"#,
            r#"{"a":"x"#,
            r#"{"a":"x\"#,
            r#"{"a":{"b":1}"#,
            r#"{"a":[1,2}"#,
            r#"{a:1}"#,
            r#"{"a":1} x"#,
            r#"{"a":1 "b":2}"#,
        ] {
            assert!(members(text).is_err(), "{text:?} was accepted");
        }
    }

    fn json_value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            // Eighths round-trip exactly; serde_json does not promise that for every float.
            (-8000i32..8000).prop_map(|i| Value::from(f64::from(i) / 8.0)),
            any::<String>().prop_map(Value::String),
            "[\\[\\]{}\"\\\\:, ]{0,6}".prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 48, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                prop::collection::vec((any::<String>(), inner), 0..6)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest! {
        /// Whatever serde_json writes, compact or pretty, the scanner cuts each member's value
        /// exactly where serde_json's own output of that value is.
        #[test]
        fn members_match_serde_json(
            map in prop::collection::vec((any::<String>(), json_value()), 0..6),
            pretty in any::<bool>(),
        ) {
            let object = Value::Object(map.into_iter().collect());
            let text = if pretty {
                serde_json::to_string_pretty(&object).unwrap()
            } else {
                serde_json::to_string(&object).unwrap()
            };
            let found = members(&text).unwrap();
            let Value::Object(map) = object else { unreachable!() };
            prop_assert_eq!(found.len(), map.len());
            for ((key, raw), (want_key, want_value)) in found.iter().zip(&map) {
                let key: String = serde_json::from_str(&format!("\"{key}\"")).unwrap();
                prop_assert_eq!(&key, want_key);
                let value: Value = serde_json::from_str(raw).unwrap();
                prop_assert_eq!(&value, want_value);
            }
        }
    }
}
