//! JWS compact tokens: RS256 (the OIDC issuers and Entra sign like this) and ES256 with an `x5c`
//! chain (ACR's tokens, which CNCF distribution verifies against its `rootcertbundle`).

use crate::util::{b64std, b64url, b64url_decode, uuid_from};
use ring::signature::{self, EcdsaKeyPair, KeyPair as _, RsaKeyPair, RsaPublicKeyComponents};
use serde_json::{json, Map, Value};

#[derive(Debug, thiserror::Error)]
pub enum JoseError {
    /// The RSA or EC key could not be created or parsed.
    #[error("key error: {0}")]
    Key(String),
    /// Signing failed (should not happen with a valid key).
    #[error("signing failed")]
    Sign,
}

impl JoseError {
    pub fn code(&self) -> &'static str {
        match self {
            JoseError::Key(_) => "JOSE_KEY",
            JoseError::Sign => "JOSE_SIGN",
        }
    }
}

/// The parts of a compact JWS, undecoded signature checked separately.
#[derive(Debug, Clone)]
pub struct ParsedJwt {
    pub header: Map<String, Value>,
    pub claims: Map<String, Value>,
    pub signing_input: String,
    pub signature: Vec<u8>,
}

impl ParsedJwt {
    pub fn claim_str(&self, name: &str) -> Option<&str> {
        self.claims.get(name).and_then(Value::as_str)
    }

    pub fn claim_i64(&self, name: &str) -> Option<i64> {
        self.claims
            .get(name)
            .and_then(|v| v.as_i64().or_else(|| v.as_f64().map(|f| f as i64)))
    }

    /// `aud` as a list, whether the token carries a string or an array.
    pub fn audiences(&self) -> Vec<String> {
        match self.claims.get("aud") {
            Some(Value::String(s)) => vec![s.clone()],
            Some(Value::Array(a)) => a
                .iter()
                .filter_map(|v| v.as_str().map(String::from))
                .collect(),
            _ => vec![],
        }
    }
}

/// Splits and decodes a compact JWS; `None` when it is not one (the caller decides the error text).
pub fn parse_jwt(token: &str) -> Option<ParsedJwt> {
    let token = token.trim();
    let mut parts = token.split('.');
    let (h, p, s) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let header: Map<String, Value> = serde_json::from_slice(&b64url_decode(h)?).ok()?;
    let claims: Map<String, Value> = serde_json::from_slice(&b64url_decode(p)?).ok()?;
    Some(ParsedJwt {
        header,
        claims,
        signing_input: format!("{h}.{p}"),
        signature: b64url_decode(s)?,
    })
}

fn encode_segments(header: &Value, claims: &Value) -> String {
    format!(
        "{}.{}",
        b64url(serde_json::to_string(header).expect("json").as_bytes()),
        b64url(serde_json::to_string(claims).expect("json").as_bytes())
    )
}

/// An RSA key that signs RS256 tokens and publishes itself as a JWK.
pub struct RsaSigningKey {
    pub kid: String,
    key: RsaKeyPair,
    pub n: Vec<u8>,
    pub e: Vec<u8>,
    pkcs8: Vec<u8>,
    /// Self-signed certificate for the key: issuers publish it as `x5c` and its SHA-1 as `x5t`.
    pub cert_der: Vec<u8>,
}

impl std::fmt::Debug for RsaSigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RsaSigningKey")
            .field("kid", &self.kid)
            .finish_non_exhaustive()
    }
}

impl RsaSigningKey {
    /// Generates a 2048-bit key. Slow in debug builds (seconds); ~50-400 ms optimised.
    pub fn generate(common_name: &str) -> Result<Self, JoseError> {
        use rsa::pkcs8::EncodePrivateKey;
        let key = rsa::RsaPrivateKey::new(&mut rand_core::OsRng, 2048)
            .map_err(|e| JoseError::Key(e.to_string()))?;
        let der = key
            .to_pkcs8_der()
            .map_err(|e| JoseError::Key(e.to_string()))?;
        Self::from_pkcs8(der.as_bytes(), common_name)
    }

    pub fn from_pkcs8(pkcs8: &[u8], common_name: &str) -> Result<Self, JoseError> {
        use rsa::pkcs8::DecodePrivateKey;
        use rsa::traits::PublicKeyParts;
        let parsed =
            rsa::RsaPrivateKey::from_pkcs8_der(pkcs8).map_err(|e| JoseError::Key(e.to_string()))?;
        let key = RsaKeyPair::from_pkcs8(pkcs8).map_err(|e| JoseError::Key(e.to_string()))?;
        let cert_der = self_signed_rsa_cert(pkcs8, common_name)?;
        let n = parsed.n().to_bytes_be();
        let e = parsed.e().to_bytes_be();
        let kid = uuid_from(&n);
        Ok(RsaSigningKey {
            kid,
            key,
            n,
            e,
            pkcs8: pkcs8.to_vec(),
            cert_der,
        })
    }

    pub fn pkcs8(&self) -> &[u8] {
        &self.pkcs8
    }

    /// Base64url SHA-1 of the certificate, as `x5t` in headers and JWKS.
    pub fn x5t(&self) -> String {
        b64url(
            ring::digest::digest(&ring::digest::SHA1_FOR_LEGACY_USE_ONLY, &self.cert_der).as_ref(),
        )
    }

    /// Signs `claims` with `{"typ":"JWT","alg":"RS256","x5t":..,"kid":..}` plus `extra` header fields.
    pub fn sign(
        &self,
        claims: &Value,
        extra_header: &[(&str, Value)],
    ) -> Result<String, JoseError> {
        let mut header = json!({"typ": "JWT", "alg": "RS256", "x5t": self.x5t(), "kid": self.kid});
        for (k, v) in extra_header {
            header[*k] = v.clone();
        }
        let input = encode_segments(&header, claims);
        let mut sig = vec![0u8; self.key.public().modulus_len()];
        self.key
            .sign(
                &signature::RSA_PKCS1_SHA256,
                &ring::rand::SystemRandom::new(),
                input.as_bytes(),
                &mut sig,
            )
            .map_err(|_| JoseError::Sign)?;
        Ok(format!("{input}.{}", b64url(&sig)))
    }

    pub fn jwk(&self) -> Value {
        json!({
            "kty": "RSA",
            "alg": "RS256",
            "use": "sig",
            "kid": self.kid,
            "n": b64url(&self.n),
            "e": b64url(&self.e),
            "x5t": self.x5t(),
            "x5c": [b64std(&self.cert_der)],
        })
    }

    /// Whether `jwt`'s RS256 signature was made by this key.
    pub fn verifies(&self, jwt: &ParsedJwt) -> bool {
        jwt.header.get("alg").and_then(Value::as_str) == Some("RS256")
            && RsaPublicKeyComponents {
                n: &self.n,
                e: &self.e,
            }
            .verify(
                &signature::RSA_PKCS1_2048_8192_SHA256,
                jwt.signing_input.as_bytes(),
                &jwt.signature,
            )
            .is_ok()
    }
}

fn self_signed_rsa_cert(pkcs8: &[u8], common_name: &str) -> Result<Vec<u8>, JoseError> {
    let der = rustls::pki_types::PrivatePkcs8KeyDer::from(pkcs8);
    let kp = rcgen::KeyPair::from_pkcs8_der_and_sign_algo(&der, &rcgen::PKCS_RSA_SHA256)
        .map_err(|e| JoseError::Key(e.to_string()))?;
    let mut params = rcgen::CertificateParams::new(Vec::<String>::new())
        .map_err(|e| JoseError::Key(e.to_string()))?;
    params
        .distinguished_name
        .push(rcgen::DnType::CommonName, common_name);
    let cert = params
        .self_signed(&kp)
        .map_err(|e| JoseError::Key(e.to_string()))?;
    Ok(cert.der().to_vec())
}

/// A P-256 key that signs ES256 tokens carrying an `x5c` chain (leaf first).
pub struct EcSigningKey {
    key: EcdsaKeyPair,
    pub x5c: Vec<Vec<u8>>,
}

impl std::fmt::Debug for EcSigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EcSigningKey").finish_non_exhaustive()
    }
}

impl EcSigningKey {
    pub fn from_pkcs8(pkcs8: &[u8], x5c: Vec<Vec<u8>>) -> Result<Self, JoseError> {
        let rng = ring::rand::SystemRandom::new();
        let key =
            EcdsaKeyPair::from_pkcs8(&signature::ECDSA_P256_SHA256_FIXED_SIGNING, pkcs8, &rng)
                .map_err(|e| JoseError::Key(e.to_string()))?;
        Ok(EcSigningKey { key, x5c })
    }

    pub fn sign(&self, claims: &Value) -> Result<String, JoseError> {
        // guess: ACR's own header details are not public; distribution needs `x5c` (see testbed notes).
        let x5c: Vec<String> = self.x5c.iter().map(|c| b64std(c)).collect();
        let header = json!({"typ": "JWT", "alg": "ES256", "x5c": x5c});
        let input = encode_segments(&header, claims);
        let sig = self
            .key
            .sign(&ring::rand::SystemRandom::new(), input.as_bytes())
            .map_err(|_| JoseError::Sign)?;
        Ok(format!("{input}.{}", b64url(sig.as_ref())))
    }

    pub fn verifies(&self, jwt: &ParsedJwt) -> bool {
        jwt.header.get("alg").and_then(Value::as_str) == Some("ES256")
            && signature::UnparsedPublicKey::new(
                &signature::ECDSA_P256_SHA256_FIXED,
                self.key.public_key().as_ref(),
            )
            .verify(jwt.signing_input.as_bytes(), &jwt.signature)
            .is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ec_key() -> EcSigningKey {
        let kp = rcgen::KeyPair::generate().unwrap();
        EcSigningKey::from_pkcs8(&kp.serialize_der(), vec![vec![1, 2, 3]]).unwrap()
    }

    #[test]
    fn es256_round_trip_and_tamper_detection() {
        let key = ec_key();
        let token = key
            .sign(&json!({"iss": "Azure Container Registry", "aud": "127.0.0.1:5000"}))
            .unwrap();
        let parsed = parse_jwt(&token).unwrap();
        assert_eq!(parsed.header["x5c"][0], "AQID");
        assert_eq!(parsed.audiences(), vec!["127.0.0.1:5000".to_string()]);
        assert!(key.verifies(&parsed));
        let other = ec_key();
        assert!(!other.verifies(&parsed));
        let mut tampered = parsed.clone();
        tampered.signing_input.push('x');
        assert!(!key.verifies(&tampered));
    }

    #[test]
    fn rs256_round_trip_with_a_fixed_key() {
        // RSA generation takes seconds unoptimised: a fixed test-only key (never used at run time).
        let key =
            RsaSigningKey::from_pkcs8(include_bytes!("testdata/rsa-test-key.pk8"), "test").unwrap();
        let token = key
            .sign(&json!({"sub": "x", "aud": ["a", "b"]}), &[])
            .unwrap();
        let parsed = parse_jwt(&token).unwrap();
        assert!(key.verifies(&parsed));
        assert_eq!(parsed.header["kid"], key.kid.as_str());
        assert_eq!(parsed.audiences().len(), 2);
        let jwk = key.jwk();
        assert_eq!(jwk["e"], "AQAB");
        let mut forged = parsed.clone();
        forged.header.insert("alg".into(), json!("none"));
        assert!(!key.verifies(&forged));
        assert!(parse_jwt("a.b").is_none());
        assert!(parse_jwt("e30.e30.!!").is_none());
    }
}
