//! The per-run test PKI: one CA, TLS leaf certificates for 127.0.0.1/localhost, and the ACR
//! token-signing certificate whose chain the registry trusts through its `rootcertbundle`.

use crate::jose::EcSigningKey;
use crate::util::{civil_from_days, hex, random_bytes};
use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair, KeyUsagePurpose};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use std::sync::Arc;

#[derive(Debug, thiserror::Error)]
pub enum PkiError {
    /// A certificate could not be generated.
    #[error("certificate generation failed: {0}")]
    Generate(String),
    /// rustls refused the generated certificate or key.
    #[error("TLS configuration failed: {0}")]
    Tls(String),
}

impl PkiError {
    pub fn code(&self) -> &'static str {
        match self {
            PkiError::Generate(_) => "PKI_GENERATE",
            PkiError::Tls(_) => "PKI_TLS",
        }
    }
}

fn gen_err(e: impl std::fmt::Display) -> PkiError {
    PkiError::Generate(e.to_string())
}

/// A leaf certificate and its key, DER and PEM.
#[derive(Clone)]
pub struct Leaf {
    pub cert_der: Vec<u8>,
    pub cert_pem: String,
    pub key_der: Vec<u8>,
    pub key_pem: String,
}

pub struct Pki {
    pub ca_pem: String,
    pub ca_der: Vec<u8>,
    issuer: Issuer<'static, KeyPair>,
    /// Serves every emulator listener.
    pub server: Leaf,
    pub acr_signer: EcSigningKey,
}

fn validity(params: &mut CertificateParams, now: i64) {
    let (y, m, d) = civil_from_days(now.div_euclid(86_400) - 1);
    params.not_before = rcgen::date_time_ymd(y as i32, m as u8, d as u8);
    let (y, m, d) = civil_from_days(now.div_euclid(86_400) + 365);
    params.not_after = rcgen::date_time_ymd(y as i32, m as u8, d as u8);
}

impl Pki {
    pub fn generate(now: i64) -> Result<Pki, PkiError> {
        let ca_key = KeyPair::generate().map_err(gen_err)?;
        let mut params = CertificateParams::new(Vec::<String>::new()).map_err(gen_err)?;
        // A per-run name so a CA left in some trust store is recognisable and never confused with another run's.
        params.distinguished_name.push(
            DnType::CommonName,
            format!("acr-login emulator test CA {}", hex(&random_bytes::<4>())),
        );
        params.distinguished_name.push(
            DnType::OrganizationName,
            "acr-login emulator (testing only)",
        );
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.key_usages = vec![
            KeyUsagePurpose::KeyCertSign,
            KeyUsagePurpose::CrlSign,
            KeyUsagePurpose::DigitalSignature,
        ];
        validity(&mut params, now);
        let ca_cert = params.self_signed(&ca_key).map_err(gen_err)?;
        let issuer = Issuer::new(params, ca_key);

        let server = issue(
            &issuer,
            "127.0.0.1",
            &["127.0.0.1", "localhost", "::1"],
            true,
            now,
        )?;
        // No EKU on the token signer: Go treats that as "any usage", which distribution's chain check needs.
        let signer = issue(
            &issuer,
            "Azure Container Registry token signer (emulator)",
            &[],
            false,
            now,
        )?;
        let acr_signer = EcSigningKey::from_pkcs8(&signer.key_der, vec![signer.cert_der.clone()])
            .map_err(|e| PkiError::Generate(e.to_string()))?;
        Ok(Pki {
            ca_pem: ca_cert.pem(),
            ca_der: ca_cert.der().to_vec(),
            issuer,
            server,
            acr_signer,
        })
    }

    /// A fresh TLS leaf for loopback (each registry gets its own).
    pub fn issue_server_leaf(&self, now: i64) -> Result<Leaf, PkiError> {
        issue(
            &self.issuer,
            "127.0.0.1",
            &["127.0.0.1", "localhost", "::1"],
            true,
            now,
        )
    }

    pub fn server_config(&self) -> Result<Arc<rustls::ServerConfig>, PkiError> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let mut cfg = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| PkiError::Tls(e.to_string()))?
            .with_no_client_auth()
            .with_single_cert(
                vec![
                    CertificateDer::from(self.server.cert_der.clone()),
                    CertificateDer::from(self.ca_der.clone()),
                ],
                PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(self.server.key_der.clone())),
            )
            .map_err(|e| PkiError::Tls(e.to_string()))?;
        cfg.alpn_protocols = vec![b"http/1.1".to_vec()];
        Ok(Arc::new(cfg))
    }
}

fn issue(
    issuer: &Issuer<'static, KeyPair>,
    cn: &str,
    sans: &[&str],
    tls: bool,
    now: i64,
) -> Result<Leaf, PkiError> {
    let key = KeyPair::generate().map_err(gen_err)?;
    let mut params = CertificateParams::new(sans.iter().map(|s| s.to_string()).collect::<Vec<_>>())
        .map_err(gen_err)?;
    params.distinguished_name.push(DnType::CommonName, cn);
    params.is_ca = IsCa::NoCa;
    params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    if tls {
        params.extended_key_usages = vec![rcgen::ExtendedKeyUsagePurpose::ServerAuth];
    }
    params.use_authority_key_identifier_extension = true;
    validity(&mut params, now);
    let cert = params.signed_by(&key, issuer).map_err(gen_err)?;
    Ok(Leaf {
        cert_der: cert.der().to_vec(),
        cert_pem: cert.pem(),
        key_der: key.serialize_der(),
        key_pem: key.serialize_pem(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generates_a_usable_tls_config_and_signer() {
        let pki = Pki::generate(1_800_000_000).unwrap();
        assert!(pki.ca_pem.starts_with("-----BEGIN CERTIFICATE-----"));
        assert!(pki.server_config().is_ok());
        assert_eq!(pki.acr_signer.x5c.len(), 1);
        let leaf = pki.issue_server_leaf(1_800_000_000).unwrap();
        assert!(leaf.key_pem.contains("PRIVATE KEY"));
        assert_ne!(leaf.cert_der, pki.server.cert_der);
    }
}
