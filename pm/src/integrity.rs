//! Subresource-integrity strings (`sha512-<base64>`, `sha1-<base64>`): parsing, checking a
//! downloaded tarball against them before anything is written, and the store key derived from them.

use aws_lc_rs::digest;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use crate::error::{Error, Result};

/// The hash algorithms npm publishes, strongest last so `max` picks the one to trust.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Algorithm {
    Sha1,
    Sha512,
}

/// One parsed integrity entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Integrity {
    pub algorithm: Algorithm,
    pub digest: Vec<u8>,
}

impl Integrity {
    /// Parses an SRI string, keeping its strongest supported hash (entries are space-separated).
    pub fn parse(sri: &str) -> Option<Self> {
        sri.split_whitespace()
            .filter_map(|part| {
                let (alg, b64) = part.split_once('-')?;
                let algorithm = match alg {
                    "sha512" => Algorithm::Sha512,
                    "sha1" => Algorithm::Sha1,
                    _ => return None,
                };
                let b64 = b64.split('?').next().unwrap_or(b64);
                let digest = STANDARD.decode(b64).ok()?;
                let expected_len = match algorithm {
                    Algorithm::Sha512 => 64,
                    Algorithm::Sha1 => 20,
                };
                (digest.len() == expected_len).then_some(Integrity { algorithm, digest })
            })
            .max_by_key(|i| i.algorithm)
    }

    /// The sha512 integrity of `bytes`, for tarballs that come without one (URLs, `file:`).
    pub fn sha512_of(bytes: &[u8]) -> Self {
        Integrity {
            algorithm: Algorithm::Sha512,
            digest: digest::digest(&digest::SHA512, bytes).as_ref().to_vec(),
        }
    }

    /// Checks `bytes`; the error names the package and both hashes.
    pub fn verify(&self, package: &str, bytes: &[u8]) -> Result<()> {
        let mut checker = self.checker();
        checker.update(bytes);
        checker.finish(package)
    }

    /// A hash of this integrity's algorithm, fed as bytes stream by.
    pub fn checker(&self) -> Checker<'_> {
        let state = digest::Context::new(match self.algorithm {
            Algorithm::Sha512 => &digest::SHA512,
            Algorithm::Sha1 => &digest::SHA1_FOR_LEGACY_USE_ONLY,
        });
        Checker {
            expected: self,
            state,
        }
    }

    /// A hex name for the store folder; the algorithm prefix keeps sha1 and sha512 keys apart.
    pub fn store_key(&self) -> String {
        let prefix = match self.algorithm {
            Algorithm::Sha512 => "s5",
            Algorithm::Sha1 => "s1",
        };
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut key = String::with_capacity(2 + self.digest.len() * 2);
        key.push_str(prefix);
        for b in &self.digest {
            key.push(HEX[usize::from(b >> 4)] as char);
            key.push(HEX[usize::from(b & 0xf)] as char);
        }
        key
    }
}

impl std::fmt::Display for Integrity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let alg = match self.algorithm {
            Algorithm::Sha512 => "sha512",
            Algorithm::Sha1 => "sha1",
        };
        write!(f, "{alg}-{}", STANDARD.encode(&self.digest))
    }
}

/// Checks bytes against an [`Integrity`] as they arrive, for tarballs unpacked while they stream.
/// The hashing is aws-lc's (already linked for TLS): its sha512 is ~10% faster than the `sha2`
/// crate's on Next.js' 44 MB tarball (60 against 66 ms), and a cold install hashes every byte.
pub struct Checker<'a> {
    expected: &'a Integrity,
    state: digest::Context,
}

impl Checker<'_> {
    pub fn update(&mut self, bytes: &[u8]) {
        self.state.update(bytes);
    }

    /// Whether everything fed matches; the error names the package and both hashes.
    pub fn finish(self, package: &str) -> Result<()> {
        let actual = self.state.finish().as_ref().to_vec();
        if actual == self.expected.digest {
            return Ok(());
        }
        Err(Error::Integrity {
            package: package.to_string(),
            expected: self.expected.to_string(),
            actual: Integrity {
                algorithm: self.expected.algorithm,
                digest: actual,
            }
            .to_string(),
        })
    }
}

/// Converts a legacy hex `shasum` into an SRI string.
pub fn sha1_hex_to_sri(hex: &str) -> Option<String> {
    if hex.len() != 40 {
        return None;
    }
    let bytes: Option<Vec<u8>> = (0..20)
        .map(|i| u8::from_str_radix(hex.get(i * 2..i * 2 + 2)?, 16).ok())
        .collect();
    Some(
        Integrity {
            algorithm: Algorithm::Sha1,
            digest: bytes?,
        }
        .to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use sha2::{Digest, Sha512};

    #[test]
    fn verifies_and_rejects() {
        let data = b"hello tarball";
        let sri = format!("sha512-{}", STANDARD.encode(Sha512::digest(data)));
        let integrity = Integrity::parse(&sri).unwrap();
        integrity.verify("p", data).unwrap();
        let err = integrity.verify("p", b"tampered").unwrap_err();
        assert!(matches!(err, Error::Integrity { .. }));
    }

    #[test]
    fn strongest_hash_wins_and_sha1_hex_converts() {
        let sha1_sri = sha1_hex_to_sri("aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d").unwrap();
        let both = format!("{sha1_sri} sha512-{}", STANDARD.encode([7u8; 64]));
        assert_eq!(
            Integrity::parse(&both).unwrap().algorithm,
            Algorithm::Sha512
        );
        let sha1 = Integrity::parse(&sha1_sri).unwrap();
        sha1.verify("p", b"hello").unwrap();
        assert_eq!(
            sha1.store_key(),
            "s1aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d"
        );
        assert_eq!(Integrity::parse("md5-xyz"), None);
        assert_eq!(Integrity::parse("sha512-AAAA"), None);
    }
}
