fn main() {
    use rsa::pkcs8::EncodePrivateKey;
    let t = std::time::Instant::now();
    let k = rsa::RsaPrivateKey::new(&mut rand_core::OsRng, 2048).unwrap();
    let der = k.to_pkcs8_der().unwrap();
    println!("rsa keygen {:?} {}", t.elapsed(), der.as_bytes().len());
    let t = std::time::Instant::now();
    let kp = rcgen::KeyPair::generate().unwrap();
    println!("ec keygen {:?} {}", t.elapsed(), kp.serialize_der().len());
}
