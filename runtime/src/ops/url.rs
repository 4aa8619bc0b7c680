//! WHATWG URL parsing for the global `URL` class, by the `url` crate (which implements the
//! WHATWG URL Standard, setters included, through `url::quirks`).

use rquickjs::{Ctx, IntoJs, Object, Value};

use super::define;

/// The parts `URL` exposes, in the order `js/internal/url.js` reads them.
fn parts(url: &url::Url) -> Vec<String> {
    use url::quirks;
    vec![
        quirks::href(url).to_owned(),
        quirks::origin(url),
        quirks::protocol(url).to_owned(),
        quirks::username(url).to_owned(),
        quirks::password(url).to_owned(),
        quirks::host(url).to_owned(),
        quirks::hostname(url).to_owned(),
        quirks::port(url).to_owned(),
        quirks::pathname(url).to_owned(),
        quirks::search(url).to_owned(),
        quirks::hash(url).to_owned(),
    ]
}

pub fn register<'js>(ctx: &Ctx<'js>, binding: &Object<'js>) -> rquickjs::Result<()> {
    // parse(input, base?) → parts, or undefined when invalid.
    define(
        ctx,
        binding,
        "parse",
        |ctx: Ctx<'js>, input: String, base: Option<String>| -> rquickjs::Result<Value<'js>> {
            let parsed = match base {
                Some(base) => url::Url::parse(&base).and_then(|base| base.join(&input)),
                None => url::Url::parse(&input),
            };
            match parsed {
                Ok(url) => parts(&url).into_js(&ctx),
                Err(_) => Ok(Value::new_undefined(ctx)),
            }
        },
    )?;
    // update(href, field, value) → new parts after the WHATWG setter for `field`.
    define(
        ctx,
        binding,
        "update",
        |ctx: Ctx<'js>,
         href: String,
         field: String,
         value: String|
         -> rquickjs::Result<Value<'js>> {
            use url::quirks;
            let Ok(mut url) = url::Url::parse(&href) else {
                return Ok(Value::new_undefined(ctx));
            };
            let ok = match field.as_str() {
                "href" => match url::Url::parse(&value) {
                    Ok(new) => {
                        url = new;
                        true
                    }
                    Err(_) => false,
                },
                "protocol" => quirks::set_protocol(&mut url, &value).is_ok(),
                "username" => quirks::set_username(&mut url, &value).is_ok(),
                "password" => quirks::set_password(&mut url, &value).is_ok(),
                "host" => quirks::set_host(&mut url, &value).is_ok(),
                "hostname" => quirks::set_hostname(&mut url, &value).is_ok(),
                "port" => quirks::set_port(&mut url, &value).is_ok(),
                "pathname" => {
                    quirks::set_pathname(&mut url, &value);
                    true
                }
                "search" => {
                    quirks::set_search(&mut url, &value);
                    true
                }
                "hash" => {
                    quirks::set_hash(&mut url, &value);
                    true
                }
                _ => false,
            };
            if !ok && field == "href" {
                return Ok(Value::new_undefined(ctx));
            }
            parts(&url).into_js(&ctx)
        },
    )?;
    define(ctx, binding, "domainToASCII", |domain: String| {
        url::quirks::domain_to_ascii(&domain)
    })?;
    define(ctx, binding, "domainToUnicode", |domain: String| {
        url::quirks::domain_to_unicode(&domain)
    })?;
    Ok(())
}
