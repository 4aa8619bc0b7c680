//! Text encodings (UTF-8, Latin-1, base64, hex) for `Buffer`, `TextEncoder`/`TextDecoder`
//! and `atob`/`btoa`, and the engine introspection `util.inspect` needs (promise state,
//! proxies), which plain JavaScript cannot see.

use base64::Engine as _;
use rquickjs::{Ctx, IntoJs, Object, Value, promise::PromiseState, qjs};

use super::{bytes_of, define, uint8_array};

pub fn register<'js>(ctx: &Ctx<'js>, binding: &Object<'js>) -> rquickjs::Result<()> {
    define(
        ctx,
        binding,
        "utf8Encode",
        |ctx: Ctx<'js>, text: Value<'js>| uint8_array(&ctx, bytes_of(&text).unwrap_or_default()),
    )?;
    define(
        ctx,
        binding,
        "utf8Decode",
        |ctx: Ctx<'js>, bytes: Value<'js>, fatal: bool, ignore_bom: bool| {
            let bytes = bytes_of(&bytes).unwrap_or_default();
            let body = if !ignore_bom && bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
                &bytes[3..]
            } else {
                &bytes[..]
            };
            if fatal {
                match std::str::from_utf8(body) {
                    Ok(text) => text.into_js(&ctx),
                    Err(_) => {
                        let error = crate::loader::new_error(
                            &ctx,
                            "The encoded data was not valid for encoding utf-8",
                        )?;
                        error.set("code", "ERR_ENCODING_INVALID_ENCODED_DATA")?;
                        error.set("name", "TypeError")?;
                        Err(ctx.throw(error.into_value()))
                    }
                }
            } else {
                String::from_utf8_lossy(body).into_js(&ctx)
            }
        },
    )?;
    define(ctx, binding, "latin1Decode", |bytes: Value<'js>| {
        latin1_string(&bytes_of(&bytes).unwrap_or_default())
    })?;
    define(
        ctx,
        binding,
        "base64Encode",
        |bytes: Value<'js>, url_safe: bool| {
            let bytes = bytes_of(&bytes).unwrap_or_default();
            if url_safe {
                base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
            } else {
                base64::engine::general_purpose::STANDARD.encode(bytes)
            }
        },
    )?;
    define(
        ctx,
        binding,
        "base64Decode",
        |ctx: Ctx<'js>, text: Value<'js>| {
            uint8_array(&ctx, forgiving_base64(utf16_units(&ctx, &text)))
        },
    )?;
    // atob(text) → the decoded Latin-1 string, or 0 (a character outside base64) or 1 (a
    // length base64 cannot have): the caller throws the DOMException.
    define(
        ctx,
        binding,
        "atob",
        |ctx: Ctx<'js>, text: Value<'js>| -> rquickjs::Result<Value<'js>> {
            let decoded = with_cesu8(&ctx, &text, atob_decode);
            match decoded {
                Ok(bytes) => latin1_string(&bytes).into_js(&ctx),
                Err(error) => (error as i32).into_js(&ctx),
            }
        },
    )?;
    // btoa(text) → base64 of its code units, or undefined when one is above 0xFF.
    define(
        ctx,
        binding,
        "btoa",
        |ctx: Ctx<'js>, text: Value<'js>| -> Option<String> {
            let units = utf16_units(&ctx, &text);
            let bytes: Option<Vec<u8>> = units.iter().map(|&u| u8::try_from(u).ok()).collect();
            Some(base64::engine::general_purpose::STANDARD.encode(bytes?))
        },
    )?;
    define(ctx, binding, "hexEncode", |bytes: Value<'js>| {
        let bytes = bytes_of(&bytes).unwrap_or_default();
        let mut out = String::with_capacity(bytes.len() * 2);
        for byte in bytes {
            out.push_str(&format!("{byte:02x}"));
        }
        out
    })?;
    Ok(())
}

/// `read` on a string's text as QuickJS hands it out: CESU-8 (UTF-8 with lone surrogates
/// kept), borrowed from the engine's buffer until `read` returns. A value that cannot become a
/// string reads as empty.
pub(super) fn with_cesu8<T>(ctx: &Ctx<'_>, value: &Value<'_>, read: impl FnOnce(&[u8]) -> T) -> T {
    let mut len = 0;
    // SAFETY: the returned buffer is freed below; `len` receives its length.
    let text =
        unsafe { qjs::JS_ToCStringLen2(ctx.as_raw().as_ptr(), &mut len, value.as_raw(), true) };
    if text.is_null() {
        let _ = ctx.catch();
        return read(&[]);
    }
    // SAFETY: JS_ToCStringLen2 returned `len` bytes at `text`.
    let bytes = unsafe { std::slice::from_raw_parts(text.cast::<u8>(), len as usize) };
    let result = read(bytes);
    unsafe { qjs::JS_FreeCString(ctx.as_raw().as_ptr(), text) };
    result
}

/// A string's UTF-16 code units, lone surrogates included.
fn utf16_units(ctx: &Ctx<'_>, value: &Value<'_>) -> Vec<u16> {
    with_cesu8(ctx, value, decode_cesu8)
}

/// Bytes as the string whose code units they are (Latin-1).
fn latin1_string(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| char::from(b)).collect()
}

/// Why `atob` rejects its input (the numbers are what the binding returns).
#[derive(Debug, PartialEq, Eq, Clone, Copy)]
enum AtobError {
    Character = 0,
    Length = 1,
}

/// WHATWG forgiving-base64 decode, as `atob` does it: ASCII whitespace is ignored, one or two
/// `=` may end a length divisible by four, and leftover bits are dropped. `text` is CESU-8, so
/// any byte above 0x7F belongs to a character outside base64.
fn atob_decode(text: &[u8]) -> Result<Vec<u8>, AtobError> {
    use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
    const FORGIVING: GeneralPurpose = GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        GeneralPurposeConfig::new()
            .with_decode_padding_mode(DecodePaddingMode::RequireNone)
            .with_decode_allow_trailing_bits(true),
    );
    let whitespace = |b: &u8| matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ');
    let mut data: Vec<u8> = text.iter().copied().filter(|b| !whitespace(b)).collect();
    if data.len().is_multiple_of(4) {
        let padding = data
            .iter()
            .rev()
            .take(2)
            .take_while(|&&b| b == b'=')
            .count();
        data.truncate(data.len() - padding);
    }
    if !data
        .iter()
        .all(|&b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/')
    {
        return Err(AtobError::Character);
    }
    if data.len() % 4 == 1 {
        return Err(AtobError::Length);
    }
    FORGIVING.decode(&data).map_err(|_| AtobError::Length)
}

fn decode_cesu8(bytes: &[u8]) -> Vec<u16> {
    let mut units = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let byte = bytes[i];
        let (code, width) = match byte {
            0x00..=0x7F => (u32::from(byte), 1),
            0xC0..=0xDF if i + 1 < bytes.len() => (
                (u32::from(byte & 0x1F) << 6) | u32::from(bytes[i + 1] & 0x3F),
                2,
            ),
            0xE0..=0xEF if i + 2 < bytes.len() => (
                (u32::from(byte & 0x0F) << 12)
                    | (u32::from(bytes[i + 1] & 0x3F) << 6)
                    | u32::from(bytes[i + 2] & 0x3F),
                3,
            ),
            0xF0..=0xF7 if i + 3 < bytes.len() => (
                (u32::from(byte & 0x07) << 18)
                    | (u32::from(bytes[i + 1] & 0x3F) << 12)
                    | (u32::from(bytes[i + 2] & 0x3F) << 6)
                    | u32::from(bytes[i + 3] & 0x3F),
                4,
            ),
            _ => (0xFFFD, 1),
        };
        if code > 0xFFFF {
            let code = code - 0x10000;
            units.push(0xD800 | (code >> 10) as u16);
            units.push(0xDC00 | (code & 0x3FF) as u16);
        } else {
            units.push(code as u16);
        }
        i += width;
    }
    units
}

/// Node's lenient base64: each UTF-16 code unit counts by its low byte; both alphabets are
/// read, other bytes skipped, and decoding stops at the first `=` (so `\u013d` ends it).
fn forgiving_base64(units: impl IntoIterator<Item = u16>) -> Vec<u8> {
    let mut out = Vec::new();
    let mut acc = 0u32;
    let mut bits = 0;
    for unit in units {
        let c = (unit & 0xFF) as u8;
        let value = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            b'=' => break,
            _ => continue,
        };
        acc = (acc << 6) | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}

pub fn register_util<'js>(ctx: &Ctx<'js>, binding: &Object<'js>) -> rquickjs::Result<()> {
    // getPromiseState(value) → [state, result], or undefined for anything but a promise.
    define(
        ctx,
        binding,
        "getPromiseState",
        |ctx: Ctx<'js>, value: Value<'js>| -> rquickjs::Result<Value<'js>> {
            let Some(promise) = value.as_promise() else {
                return Ok(Value::new_undefined(ctx));
            };
            let state = match promise.state() {
                PromiseState::Pending => {
                    return vec![0.into_js(&ctx)?, Value::new_undefined(ctx.clone())].into_js(&ctx);
                }
                PromiseState::Resolved => 1,
                PromiseState::Rejected => 2,
            };
            // Read the result without rethrowing a rejection (rquickjs's `result` throws it).
            // SAFETY: a settled promise; JS_PromiseResult returns a new reference.
            let result = unsafe {
                Value::from_raw(
                    ctx.clone(),
                    qjs::JS_PromiseResult(ctx.as_raw().as_ptr(), value.as_raw()),
                )
            };
            vec![state.into_js(&ctx)?, result].into_js(&ctx)
        },
    )?;
    define(
        ctx,
        binding,
        "getProxyDetails",
        |ctx: Ctx<'js>, value: Value<'js>| -> rquickjs::Result<Value<'js>> {
            // SAFETY: plain queries on a live value; the getters return new references.
            unsafe {
                if !qjs::JS_IsProxy(value.as_raw()) {
                    return Ok(Value::new_undefined(ctx));
                }
                let raw = ctx.as_raw().as_ptr();
                let target = qjs::JS_GetProxyTarget(raw, value.as_raw());
                let handler = qjs::JS_GetProxyHandler(raw, value.as_raw());
                if qjs::JS_VALUE_GET_TAG(target) == qjs::JS_TAG_EXCEPTION
                    || qjs::JS_VALUE_GET_TAG(handler) == qjs::JS_TAG_EXCEPTION
                {
                    // A revoked proxy: Node reports it as [null, null].
                    let _ = ctx.catch();
                    let null = Value::new_null(ctx.clone());
                    return vec![null.clone(), null].into_js(&ctx);
                }
                let target = Value::from_raw(ctx.clone(), target);
                let handler = Value::from_raw(ctx.clone(), handler);
                vec![target, handler].into_js(&ctx)
            }
        },
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{AtobError, atob_decode, decode_cesu8, forgiving_base64};

    fn decode(text: &str) -> Vec<u8> {
        forgiving_base64(text.encode_utf16())
    }

    #[test]
    fn base64_is_forgiving_like_node() {
        assert_eq!(decode("aGVsbG8="), b"hello");
        assert_eq!(decode("aGVs bG8"), b"hello");
        assert_eq!(decode("a!G!V!s!b!G!8"), b"hello");
        assert_eq!(decode("aGk=aGk="), b"hi");
        assert_eq!(decode("h\u{e9}llo"), [0x86, 0x59, 0x68]);
        assert_eq!(decode("\u{20ac}uro"), [0xba, 0xba]);
        assert_eq!(decode("QU\u{13d}JD"), b"A");
        assert_eq!(decode("\u{1f600} emoji"), b"");
    }

    #[test]
    fn atob_follows_the_forgiving_base64_algorithm() {
        let atob = |text: &str| atob_decode(text.as_bytes());
        assert_eq!(atob("QUJD"), Ok(b"ABC".to_vec()));
        assert_eq!(atob(" QU JD\n\t"), Ok(b"ABC".to_vec()));
        assert_eq!(atob("QQ=="), Ok(b"A".to_vec()));
        assert_eq!(atob("QQ"), Ok(b"A".to_vec()));
        assert_eq!(atob("QR=="), Ok(b"A".to_vec()), "leftover bits are dropped");
        assert_eq!(atob(""), Ok(Vec::new()));
        assert_eq!(
            atob("QQ="),
            Err(AtobError::Character),
            "padding only ends a full quantum"
        );
        assert_eq!(atob("Q"), Err(AtobError::Length));
        assert_eq!(atob("QQ==="), Err(AtobError::Character));
        assert_eq!(atob("ab$c"), Err(AtobError::Character));
        assert_eq!(
            atob("QUJD\u{a0}"),
            Err(AtobError::Character),
            "only ASCII whitespace"
        );
        assert_eq!(
            atob("QU-D"),
            Err(AtobError::Character),
            "not the URL alphabet"
        );
    }

    #[test]
    fn cesu8_keeps_lone_surrogates() {
        assert_eq!(
            decode_cesu8(&[0x61, 0xED, 0xA0, 0xBD, 0x62]),
            [0x61, 0xD83D, 0x62]
        );
        assert_eq!(decode_cesu8("é€".as_bytes()), [0xE9, 0x20AC]);
    }
}
