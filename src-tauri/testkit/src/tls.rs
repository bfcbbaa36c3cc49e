//! Certificates made in the test, with rcgen: an authority, and certificates it signs
//! for a name. For the desk's https (the window's join) and PostgreSQL's TLS (the
//! server's database connection).

use rcgen::{BasicConstraints, CertificateParams, CertifiedIssuer, DnType, IsCa, KeyPair};

/// A certificate authority of the test's own, which no computer trusts unless told to.
pub struct Authority(CertifiedIssuer<'static, KeyPair>);

impl Authority {
    pub fn new(name: &str) -> Authority {
        let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.distinguished_name.push(DnType::CommonName, name);
        Authority(CertifiedIssuer::self_signed(params, KeyPair::generate().unwrap()).unwrap())
    }

    /// The authority's own certificate (PEM): what a computer is told to trust.
    pub fn pem(&self) -> String {
        self.0.as_ref().pem()
    }

    /// A certificate for `name` (a host name or an IP address) signed by this
    /// authority, and its key: (certificate PEM, key PEM).
    pub fn issue(&self, name: &str) -> (String, String) {
        let key = KeyPair::generate().unwrap();
        let cert = CertificateParams::new(vec![name.to_string()])
            .unwrap()
            .signed_by(&key, &self.0)
            .unwrap();
        (cert.pem(), key.serialize_pem())
    }
}
