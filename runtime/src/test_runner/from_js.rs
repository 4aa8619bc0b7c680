//! Reads the test core's plain JavaScript objects (a file's results, a test's) straight into
//! Rust types through serde, without a JSON text in between. `JSON.stringify` in QuickJS costs
//! ~6k instructions per object just to list its keys: ~12% of the JavaScript of an editor's
//! "Run". A struct's fields are read by name instead.

use std::fmt;

use rquickjs::{Array, Object, Value};
use serde::de::{self, DeserializeOwned, IntoDeserializer, Visitor};

/// `value` as a `T`; the error says which field did not fit.
pub(crate) fn from_js<T: DeserializeOwned>(value: Value<'_>) -> Result<T, Error> {
    T::deserialize(Js(value))
}

#[derive(Debug)]
pub(crate) struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(message: T) -> Self {
        Error(message.to_string())
    }
}

fn js_error(error: rquickjs::Error) -> Error {
    Error(error.to_string())
}

struct Js<'js>(Value<'js>);

impl<'de> de::Deserializer<'de> for Js<'_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let value = self.0;
        if value.is_undefined() || value.is_null() {
            visitor.visit_unit()
        } else if let Some(b) = value.as_bool() {
            visitor.visit_bool(b)
        } else if let Some(n) = value.as_int() {
            visitor.visit_i64(n.into())
        } else if let Some(n) = value.as_float() {
            // A whole number computed in floating point is still a count or a line, as JSON
            // would print it.
            if n.fract() == 0.0 && n.abs() < 9_007_199_254_740_992.0 {
                visitor.visit_i64(n as i64)
            } else {
                visitor.visit_f64(n)
            }
        } else if let Some(s) = value.as_string() {
            visitor.visit_string(s.to_string().map_err(js_error)?)
        } else if let Some(array) = value.as_array() {
            visitor.visit_seq(Items {
                array: array.clone(),
                next: 0,
            })
        } else if let Some(object) = value.as_object() {
            let keys = object
                .keys::<String>()
                .collect::<rquickjs::Result<Vec<_>>>()
                .map_err(js_error)?;
            visitor.visit_map(Entries::new(object, keys))
        } else {
            Err(Error(format!("a {} cannot be read", value.type_name())))
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.0.is_undefined() || self.0.is_null() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    /// By the names serde asks for: listing an object's keys is what makes JSON slow here.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let Some(object) = self.0.as_object() else {
            return self.deserialize_any(visitor);
        };
        let keys = fields.iter().map(|name| name.to_string()).collect();
        visitor.visit_map(Entries::new(object, keys))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let Some(name) = self.0.as_string() else {
            return Err(Error("expected a string for an enum".into()));
        };
        let name = name.to_string().map_err(js_error)?;
        visitor.visit_enum(name.into_deserializer())
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct newtype_struct seq tuple tuple_struct map identifier ignored_any
    }
}

/// An array's items.
struct Items<'js> {
    array: Array<'js>,
    next: usize,
}

impl<'de> de::SeqAccess<'de> for Items<'_> {
    type Error = Error;

    fn next_element_seed<T: de::DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        if self.next >= self.array.len() {
            return Ok(None);
        }
        let item: Value = self.array.get(self.next).map_err(js_error)?;
        self.next += 1;
        seed.deserialize(Js(item)).map(Some)
    }
}

/// An object's entries for `keys`; a key whose value is `undefined` or a function is left out,
/// as JSON leaves it out.
struct Entries<'js> {
    object: Object<'js>,
    keys: std::vec::IntoIter<String>,
    value: Option<Value<'js>>,
}

impl<'js> Entries<'js> {
    fn new(object: &Object<'js>, keys: Vec<String>) -> Self {
        Entries {
            object: object.clone(),
            keys: keys.into_iter(),
            value: None,
        }
    }
}

impl<'de> de::MapAccess<'de> for Entries<'_> {
    type Error = Error;

    fn next_key_seed<K: de::DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        for key in self.keys.by_ref() {
            let value: Value = self.object.get(key.as_str()).map_err(js_error)?;
            if value.is_undefined() || value.is_function() {
                continue;
            }
            self.value = Some(value);
            return seed.deserialize(key.into_deserializer()).map(Some);
        }
        Ok(None)
    }

    fn next_value_seed<V: de::DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let value = self
            .value
            .take()
            .ok_or_else(|| Error("a value asked for before its key".into()))?;
        seed.deserialize(Js(value))
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(rename_all = "lowercase")]
    enum Status {
        Passed,
        Failed,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Case {
        full_name: String,
        status: Status,
        duration_ms: f64,
        line: u32,
        stack: Option<String>,
        location: Option<Vec<u32>>,
        tags: Vec<String>,
        #[serde(default)]
        skipped: bool,
    }

    fn read<T: DeserializeOwned>(source: &str) -> Result<T, Error> {
        let runtime = rquickjs::Runtime::new().unwrap();
        let context = rquickjs::Context::full(&runtime).unwrap();
        context.with(|ctx| from_js(ctx.eval::<Value, _>(source).unwrap()))
    }

    #[test]
    fn objects_read_as_json_would_give_them() {
        let cases: Vec<Case> = read(
            "[{ fullName: 'a b', status: 'passed', durationMs: 0.25, line: 6 / 2, stack: null,
                location: [1, 2], tags: [], extra: { deep: [1] }, onEach() {} },
              { fullName: 'c', status: 'failed', durationMs: 3, line: 1, stack: 'at x',
                location: undefined, tags: ['t'], skipped: true }]",
        )
        .unwrap();
        assert_eq!(
            cases,
            [
                Case {
                    full_name: "a b".into(),
                    status: Status::Passed,
                    duration_ms: 0.25,
                    line: 3,
                    stack: None,
                    location: Some(vec![1, 2]),
                    tags: vec![],
                    skipped: false,
                },
                Case {
                    full_name: "c".into(),
                    status: Status::Failed,
                    duration_ms: 3.0,
                    line: 1,
                    stack: Some("at x".into()),
                    location: None,
                    tags: vec!["t".into()],
                    skipped: true,
                },
            ]
        );
        let any: serde_json::Value =
            read("({ a: [1, 'x', null, true], b: { c: 1.5 }, d: undefined })").unwrap();
        assert_eq!(
            any,
            serde_json::json!({ "a": [1, "x", null, true], "b": { "c": 1.5 } })
        );
    }

    #[test]
    fn a_value_of_the_wrong_kind_is_an_error_that_names_it() {
        let error =
            read::<Case>("({ fullName: 1, status: 'passed', durationMs: 0, line: 1, tags: [] })")
                .unwrap_err();
        assert!(error.to_string().contains("expected a string"), "{error}");
        let error =
            read::<Case>("({ fullName: 'a', status: 'gone', durationMs: 0, line: 1, tags: [] })")
                .unwrap_err();
        assert!(error.to_string().contains("gone"), "{error}");
        assert!(
            read::<Case>("({ status: 'passed' })").is_err(),
            "a missing field"
        );
    }
}
