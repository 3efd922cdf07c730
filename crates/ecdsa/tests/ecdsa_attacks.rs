//! Protocol-level attacks from the literature, each run by party 3 of a 2-of-3
//! session against honest parties 1 and 2 (fixture Paillier keys). Every
//! attack must end in an abort naming the attacker (code and culprits
//! asserted), never in a key share, a presignature or a signature for an
//! honest party. The attacker rewrites its own messages in flight with its
//! own secrets, through mirrors of the private wire structs.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::sim::{honest, Hook, StepFn};
use common::{ctx, paillier};
use forge::{KeygenRound1, KeygenRound2, PresignRound1, PresignRound2};
use rand_core::{OsRng, RngCore};
use sigil_ecdsa::dealer::split_key;
use sigil_ecdsa::int::{order, scalar_to_nat, Int};
use sigil_ecdsa::key_share::{KeyShare, Point, Scalar};
use sigil_ecdsa::keygen::{self, Setup};
use sigil_ecdsa::presign;
use sigil_ecdsa::zk::checks::mask;
use sigil_ecdsa::zk::params::{EPS, L, L_PRIME, M};
use sigil_ecdsa::zk::pi_aff_g::{self, PiAffGStatement, PiAffGWitness};
use sigil_ecdsa::zk::pi_enc::{self, PiEncProof};
use sigil_ecdsa::zk::pi_prm::{self, PiPrmItem, PiPrmProof};
use sigil_ecdsa::zk::ring_pedersen::{RingPedersen, RingPedersenSecret};
use sigil_ecdsa::zk::transcript::Transcript;
use sigil_ecdsa::zk::{pi_fac, pi_mod, ProofContext};
use sigil_math::bigint::{random_below, random_unit, Nat};
use sigil_math::curve::{Curve, Secp256k1};
use sigil_math::paillier::SecretKey;
use sigil_math::round::{Inbound, Step, BROADCAST};
use sigil_math::shamir::lagrange_coefficient;
use sigil_math::{Code, Error, PartyId, Result};

const ALL: [PartyId; 3] = [1, 2, 3];
const HONEST: [PartyId; 2] = [1, 2];
const ATTACKER: PartyId = 3;
const SID: &[u8] = b"attack-dkg";
const PSID: &[u8] = b"attack-presign";

/// A fixed 2046-bit prime Q ≡ 3 (mod 4), Q mod 7 ∉ {0, 1}: 7·Q is a
/// 2049-bit Paillier–Blum modulus with gcd(N, φ(N)) = 1 and a factor 7.
const Q_HEX: &str = "3d93f820d72b6ca309996f3c98bd45f96740e857e2af09cbd9c7b5188d8c081e4dee6b91b93f67f329b6d8a300e2f1187357d62b09008ca38785b4bc3cc7e8e0a83d84dc8154215cc7291489d3d7647a955e7b652f39287a2a1b2bf7989b2d6d3bc7722235fdf1638be664613a6fde3394ba7473da51d42b2a5ff050468330b546961539a4998a9244dea9ef74be6ac2ed9a3abd188682748229b0f66224063b4a6d3b86c9b01cdcfc93fe15fcf70a7bba2031c3a54f6c1d7abe29e98e10860c2dba0278bae6d06daa19880fae9717ef855101f6ad88aff7e404516da20d8dcdf3f1d8345cd1fb8bfa8cb0f59c99ba9fe359d5803b5b7272c330f59f5a81d193";

/// Mirrors of the private wire structs (same field order and types).
mod forge {
    use serde::de::DeserializeOwned;
    use serde::{Deserialize, Serialize};
    use sigil_ecdsa::zk::{pi_aff_g::PiAffGProof, pi_enc::PiEncProof, pi_fac::PiFacProof, pi_log::PiLogProof, pi_mod::PiModProof, pi_prm::PiPrmProof, ring_pedersen::RingPedersen};
    use sigil_math::bigint::Nat;

    #[derive(Serialize, Deserialize)]
    struct Header { sid: Vec<u8>, protocol: u8, round: u8, from: u16, body: Vec<u8> }
    #[derive(Clone, Serialize, Deserialize)]
    pub struct Dealing { pub commitments: Vec<Vec<u8>>, pub pok_r: Vec<u8>, pub pok_mu: Vec<u8> }
    #[derive(Serialize, Deserialize)]
    pub struct AuxMsg { pub rp: RingPedersen, pub pi_mod: PiModProof, pub pi_prm: PiPrmProof }
    #[derive(Serialize, Deserialize)]
    pub struct KeygenRound1 { pub dealing: Option<Dealing>, pub aux: Option<AuxMsg> }
    #[derive(Serialize, Deserialize)]
    pub struct KeygenRound2 { pub echo: Vec<u8>, pub share: Option<Vec<u8>>, pub pi_fac: Option<PiFacProof> }
    #[derive(Serialize, Deserialize)]
    pub struct PresignRound1 { pub k_ct: Nat, pub g_ct: Nat, pub pi_enc: PiEncProof }
    #[derive(Serialize, Deserialize)]
    pub struct PresignRound2 { pub echo: Vec<u8>, pub gamma: Vec<u8>, pub d: Nat, pub f: Nat, pub d_hat: Nat, pub f_hat: Nat, pub psi: PiAffGProof, pub psi_hat: PiAffGProof, pub psi_log: PiLogProof }

    /// The decoded body of a message.
    pub fn read<T: DeserializeOwned>(msg: &[u8]) -> T {
        let h: Header = postcard::from_bytes(&msg[3..]).unwrap();
        postcard::from_bytes(&h.body).unwrap()
    }

    /// Rewrite a message's body with `f`; checks first that the mirror
    /// re-encodes the untouched body byte for byte.
    pub fn rewrite<T: Serialize + DeserializeOwned>(msg: &mut Vec<u8>, f: impl FnOnce(&mut T)) {
        let mut h: Header = postcard::from_bytes(&msg[3..]).unwrap();
        let mut body: T = postcard::from_bytes(&h.body).unwrap();
        assert_eq!(postcard::to_allocvec(&body).unwrap(), h.body, "mirror struct out of date");
        f(&mut body);
        h.body = postcard::to_allocvec(&body).unwrap();
        msg.truncate(3);
        msg.extend(postcard::to_allocvec(&h).unwrap());
    }
}

/// How a session ended: each party's error or output, and (round, sender)
/// of every message any party produced.
#[derive(Default)]
struct Outcome {
    errors: BTreeMap<PartyId, Error>,
    outputs: BTreeMap<PartyId, Vec<u8>>,
    sent: BTreeSet<(usize, PartyId)>,
}

type Pending = Vec<(PartyId, Option<PartyId>, Vec<u8>)>;

fn absorb(o: &mut Outcome, live: &mut BTreeMap<PartyId, Vec<u8>>, pending: &mut Pending, round: usize, p: PartyId, step: Result<Step>) {
    let outbound = match step {
        Err(e) => return drop(o.errors.insert(p, e)),
        Ok(Step::Continue { state, outbound }) => {
            live.insert(p, state);
            outbound
        }
        Ok(Step::Done { output, outbound }) => {
            o.outputs.insert(p, output);
            outbound
        }
    };
    for m in outbound {
        o.sent.insert((round, p));
        pending.push((p, m.to.filter(|t| *t != BROADCAST), m.payload));
    }
}

/// Like `common::sim::run`, but records every party's outcome and stops
/// after the first round in which any party aborts.
fn drive(starts: Vec<(PartyId, Result<Step>)>, step: StepFn<'_>, hook: Hook<'_>) -> Outcome {
    let parties: Vec<PartyId> = starts.iter().map(|(p, _)| *p).collect();
    let (mut o, mut live, mut pending) = (Outcome::default(), BTreeMap::new(), Vec::new());
    for (p, s) in starts {
        absorb(&mut o, &mut live, &mut pending, 1, p, s);
    }
    let mut round = 1;
    while !live.is_empty() && o.errors.is_empty() {
        let mut inbound: BTreeMap<PartyId, Vec<Inbound>> = BTreeMap::new();
        for (from, to, payload) in pending.drain(..) {
            for &p in parties.iter().filter(|p| **p != from && to.is_none_or(|t| t == **p)) {
                let mut payload = payload.clone();
                hook(round, from, p, &mut payload);
                inbound.entry(p).or_default().push(Inbound { from, payload });
            }
        }
        let current = std::mem::take(&mut live);
        let steps: Vec<(PartyId, Result<Step>)> = std::thread::scope(|scope| {
            let handles: Vec<_> = current.iter().map(|(p, st)| (*p, scope.spawn(|| step(st, inbound.get(p).map_or(&[][..], Vec::as_slice))))).collect();
            handles.into_iter().map(|(p, h)| (p, h.join().unwrap())).collect()
        });
        round += 1;
        for (p, s) in steps {
            absorb(&mut o, &mut live, &mut pending, round, p, s);
        }
    }
    o
}

/// Each listed party aborted with `code`, `detail` in its message and
/// exactly the given culprits, and holds no output.
fn assert_aborts(o: &Outcome, code: Code, detail: &str, expect: &[(PartyId, &[PartyId])]) {
    for (p, culprits) in expect {
        let e = o.errors.get(p).unwrap_or_else(|| panic!("party {p} did not abort; errors {:?}", o.errors));
        assert_eq!((e.code(), e.culprits()), (code, *culprits), "party {p}: {e:?}");
        assert!(e.detail().contains(detail), "party {p}: {e:?}");
        assert!(!o.outputs.contains_key(p), "party {p} produced an output");
    }
}

/// Both honest parties abort blaming exactly the attacker.
fn assert_blamed(o: &Outcome, code: Code, detail: &str) {
    assert_aborts(o, code, detail, &HONEST.map(|h| (h, &[ATTACKER][..])));
}

/// No honest party produced a message of `round` (nobody answered the attack).
fn assert_silent(o: &Outcome, round: usize) {
    assert!(HONEST.iter().all(|h| !o.sent.contains(&(round, *h))), "an honest party sent round {round}: {:?}", o.sent);
}

/// A 2-of-3 DKG in which the attacker uses Paillier key `attacker_key`.
fn dkg_with(attacker_key: SecretKey, hook: Hook<'_>) -> Outcome {
    let keys = [paillier(0), paillier(1), attacker_key];
    let starts = ALL
        .iter()
        .zip(keys)
        .map(|(&me, sk)| {
            let setup = Setup { sid: SID, me, t: 2, dealers: &ALL, receivers: &ALL, old_share: None, old_public: None, paillier: Some(sk) };
            (me, keygen::start(setup, &mut OsRng))
        })
        .collect();
    drive(starts, &|s, i| keygen::step(s, i, &mut OsRng), hook)
}

fn dkg(hook: Hook<'_>) -> Outcome {
    dkg_with(paillier(2), hook)
}

/// Rewrite the attacker's DKG round-1 broadcast (to every recipient).
fn attacker_round1(f: impl Fn(&mut KeygenRound1)) -> impl FnMut(usize, PartyId, PartyId, &mut Vec<u8>) {
    move |round, from, _to, m| {
        if (round, from) == (1, ATTACKER) {
            forge::rewrite(m, &f);
        }
    }
}

fn aux(r: &mut KeygenRound1) -> &mut forge::AuxMsg {
    r.aux.as_mut().unwrap()
}

/// A fresh, well-formed Feldman dealing whose proof of knowledge of the
/// constant term is made for party `pok_id`.
fn dealing(pok_id: PartyId) -> forge::Dealing {
    let coeffs: Vec<Scalar> = (0..2).map(|_| Secp256k1::random_scalar(&mut OsRng)).collect();
    let comms: Vec<Point> = coeffs.iter().map(Secp256k1::mul_base).collect();
    let k = Secp256k1::random_scalar(&mut OsRng);
    let r = Secp256k1::mul_base(&k);
    let e = Secp256k1::hash_to_scalar("ecdsa/keygen-pok", &[SID, &pok_id.to_le_bytes(), &Secp256k1::encode_point(&comms[0]), &Secp256k1::encode_point(&r)]);
    let mu = k + coeffs[0] * e;
    forge::Dealing { commitments: comms.iter().map(Secp256k1::encode_point).collect(), pok_r: Secp256k1::encode_point(&r), pok_mu: Secp256k1::encode_scalar(&mu) }
}

/// Dealer-made 2-of-3 keys on fixture Paillier keys 0..3.
fn dealer_keys() -> Vec<KeyShare> {
    split_key(&Secp256k1::random_scalar(&mut OsRng), 2, 3, (0..3).map(paillier).collect(), &mut OsRng).unwrap()
}

/// Presigning by all three parties.
fn presign_all(keys: &[KeyShare], hook: Hook<'_>) -> Outcome {
    let blobs: Vec<Vec<u8>> = keys.iter().map(|k| k.to_bytes().unwrap()).collect();
    let starts = ALL.iter().map(|&p| (p, presign::start(PSID, &blobs[usize::from(p) - 1], &ALL, &mut OsRng))).collect();
    drive(starts, &|s, i| presign::step(s, i, &mut OsRng), hook)
}

/// The attacker's proof context for presign proof `label` (as presign.rs builds it).
fn pctx(label: &str) -> ProofContext {
    let mut sid = PSID.to_vec();
    sid.push(0);
    sid.extend_from_slice(b"presign/");
    sid.extend_from_slice(label.as_bytes());
    ProofContext { sid, prover: ATTACKER }
}

/// BitForge (Makriyannis, Yomtov, Galansky (Fireblocks), "Practical
/// Key-Extraction Attacks in Leading MPC Wallets", ePrint 2023/1234;
/// CVE-2023-33241): the attacker publishes
/// `N' = 3·5·7·…·59·N` (2118 bits; `N` its honest modulus) to learn the
/// other shares modulo each small prime through the MtA. It knows `φ(N')`,
/// so its ring-Pedersen parameters on `N'` carry a *valid* Πprm (checked
/// below); only Πmod stands in the way, and the best it has is the Πmod of
/// its honest key, which fails against `N'` (no honest Πmod exists: 3 | N'
/// and 3 | φ(N')). Both honest parties blame it in round 2.
#[test]
fn bitforge_modulus_with_many_small_factors_fails_pi_mod() {
    let sk = paillier(2);
    let (small, phi_small) = [3u64, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59]
        .iter()
        .fold((Nat::one(), Nat::one()), |(n, phi), p| (n.mul(&Nat::from_u64(*p)), phi.mul(&Nat::from_u64(p - 1))));
    let n = small.mul(sk.public_key().n());
    let phi = phi_small.mul(&sk.phi().unwrap());
    let r = random_unit(&n, &mut OsRng).unwrap();
    let t = r.mod_mul(&r, &n).unwrap();
    let lambda = random_below(&phi, &mut OsRng).unwrap();
    let s = t.pow_mod_vartime(&lambda, &n).unwrap();
    let secret = RingPedersenSecret { lambda, phi, public: RingPedersen::new(n, s, t) };
    let pi_prm = pi_prm::prove(&ctx(SID, ATTACKER), &secret, &mut OsRng).unwrap();
    pi_prm::verify(&ctx(SID, ATTACKER), &secret.public, &pi_prm).unwrap();
    let o = dkg(&mut attacker_round1(|r| {
        let a = aux(r);
        (a.rp, a.pi_prm) = (secret.public.clone(), pi_prm.clone());
    }));
    assert_blamed(&o, Code::ProofFailed, "Πmod");
    assert_silent(&o, 2);
}

/// BitForge against Πfac (CVE-2023-33241; CGGMP21 Fig. 26): `N' = 7·Q` is
/// a genuine Paillier–Blum modulus (7 ≡ Q ≡ 3 mod 4, gcd(N', φ(N')) = 1),
/// so the attacker runs the unmodified protocol with it as its Paillier key:
/// its Πmod and Πprm verify (the honest parties proceed to round 2), and its
/// round-2 Πfac — `prove_with_factors` with the factors 7 and Q — fails.
#[test]
fn bitforge_blum_modulus_with_a_small_factor_fails_pi_fac() {
    let mut blob = vec![1u8, 2]; // Paillier secret-key blob: version 1, kind 2, then postcard(p, q).
    blob.extend(postcard::to_allocvec(&(Nat::from_u64(7), Nat::from_be_bytes(&hex::decode(Q_HEX).unwrap()))).unwrap());
    let key = SecretKey::from_bytes(&blob).unwrap();
    assert!(key.public_key().n().bits() >= 2048);
    let o = dkg_with(key, &mut honest());
    assert!(HONEST.iter().all(|h| o.sent.contains(&(2, *h))), "Πmod and Πprm accept 7·Q");
    assert_blamed(&o, Code::ProofFailed, "Πfac");
}

/// BitForge follow-up (CVE-2023-33241): an attacker that keeps its honest
/// `N` but withholds Πfac, or answers verifier `j` with the Πfac it made
/// against the *other* honest party's ring-Pedersen parameters (a proof
/// for another statement), is blamed in round 3.
#[test]
fn missing_or_misdirected_pi_fac_is_blamed() {
    let o = dkg(&mut |round, from, _to, m| {
        if (round, from) == (2, ATTACKER) {
            forge::rewrite(m, |r: &mut KeygenRound2| r.pi_fac = None);
        }
    });
    assert_blamed(&o, Code::ProofFailed, "Πfac missing");

    let sk = paillier(2);
    let mut rps: BTreeMap<PartyId, RingPedersen> = BTreeMap::new();
    let o = dkg(&mut |round, from, to, m| match (round, from, to) {
        (1, j, ATTACKER) => drop(rps.insert(j, forge::read::<KeygenRound1>(m).aux.unwrap().rp)),
        (2, ATTACKER, j) => {
            let proof = pi_fac::prove(&ctx(SID, ATTACKER), &sk, &rps[&(3 - j)], &mut OsRng).unwrap();
            forge::rewrite(m, |r: &mut KeygenRound2| r.pi_fac = Some(proof));
        }
        _ => {}
    });
    assert_blamed(&o, Code::ProofFailed, "Πfac");
}

/// A forged Πmod (CGGMP21 Fig. 16): one repetition's answer tampered, and
/// an honest Πmod for the attacker's own `N` made under another session
/// id (a replay across sessions) — both blamed in round 2.
#[test]
fn forged_or_replayed_pi_mod_is_blamed() {
    let o = dkg(&mut attacker_round1(|r| {
        let item = &mut aux(r).pi_mod.items[17];
        item.z = item.z.add(&Nat::one());
    }));
    assert_blamed(&o, Code::ProofFailed, "Πmod");

    let replay = pi_mod::prove(&ctx(b"an-earlier-session", ATTACKER), &paillier(2), &mut OsRng).unwrap();
    let o = dkg(&mut attacker_round1(|r| aux(r).pi_mod = replay.clone()));
    assert_blamed(&o, Code::ProofFailed, "Πmod");
}

/// A Πprm forged as well as a prover without `λ` can: each repetition
/// answers a guessed challenge bit (`A = t^z·s^{−g}`), and the guesses are
/// ground over `tries` hashes, keeping the vector with the most hits.
/// Returns the proof and its number of correct guesses (of M).
fn forge_pi_prm(rp: &RingPedersen, tries: u32) -> (PiPrmProof, usize) {
    let n = &rp.n;
    let s_inv = rp.s.inv_mod(n).unwrap();
    let zs: Vec<Nat> = (0..M).map(|_| random_below(n, &mut OsRng).unwrap()).collect();
    let options: Vec<[Nat; 2]> = zs.iter().map(|z| rp.t.pow_mod_vartime(z, n).unwrap()).map(|a0| [a0.clone(), a0.mod_mul(&s_inv, n).unwrap()]).collect();
    let mut best: (Vec<bool>, usize) = (vec![false; M], 0);
    for _ in 0..tries {
        let guess: Vec<bool> = (0..M).map(|_| OsRng.next_u32() & 1 == 1).collect();
        let mut t = Transcript::new("pi-prm", SID, ATTACKER);
        for x in [&rp.n, &rp.s, &rp.t] {
            t.append_nat(x);
        }
        for (o, g) in options.iter().zip(&guess) {
            t.append_nat(&o[usize::from(*g)]);
        }
        let hits = t.challenge_bits(M).iter().zip(&guess).filter(|(e, g)| e == g).count();
        if hits > best.1 {
            best = (guess, hits);
        }
    }
    let items = options.iter().zip(zs).zip(&best.0).map(|((o, z), g)| PiPrmItem { a: o[usize::from(*g)].clone(), z }).collect();
    (PiPrmProof { items }, best.1)
}

/// TSSHOCK (Verichains, "TSSHOCK: Breaking MPC Wallets and Digital
/// Custodians for $BILLION$ Profit", Black Hat USA 2023), ring-Pedersen
/// part: with `s ∉ ⟨t⟩` (`s = −t^λ`, a non-square mod the Blum `N̂`) the
/// commitments stop hiding/binding and the attacker's range proofs could
/// lie. No `λ'` with `s = t^λ'` exists, so the attacker grinds a guessed
/// Πprm (2^10 hashes); with all M = 80 repetitions demanded it still misses
/// some bits, and both honest parties blame it in round 2.
#[test]
fn tsshock_ring_pedersen_s_outside_t_is_blamed() {
    let mut rp = common::ring_pedersen(2).public.clone();
    rp.s = rp.n.sub(&rp.s).unwrap();
    let (forged, hits) = forge_pi_prm(&rp, 1 << 10);
    println!("TSSHOCK Πprm forgery: {hits}/{M} challenge bits guessed");
    assert!(hits < M);
    let o = dkg(&mut attacker_round1(|r| {
        let a = aux(r);
        (a.rp, a.pi_prm) = (rp.clone(), forged.clone());
    }));
    assert_blamed(&o, Code::ProofFailed, "Πprm: t^z ≠ A·s^e");
}

/// A Πenc "proven" for a challenge of the prover's choosing (the HVZK
/// simulator: pick the answers and `e*`, solve for `A` and `C`), which
/// satisfies both verification equations for `e*` but not for the
/// transcript's challenge.
fn simulated_pi_enc(pk0: &sigil_math::paillier::PublicKey, rp: &RingPedersen, k_ct: &Nat) -> PiEncProof {
    let (n0, nn0, nh) = (pk0.n(), pk0.nn(), &rp.n);
    let e = random_below(&order(), &mut OsRng).unwrap();
    let z1 = mask(L + EPS, &mut OsRng);
    let z2 = random_unit(n0, &mut OsRng).unwrap();
    let z3 = random_below(&Nat::one().shl(L + EPS).mul(nh), &mut OsRng).unwrap();
    let s = rp.commit_ct(&mask(L, &mut OsRng), &mask(L + 2048, &mut OsRng)).unwrap();
    let a = pk0.encrypt_with_nonce(&z1, &z2).unwrap().mod_mul(&k_ct.inv_mod(nn0).unwrap().pow_mod_vartime(&e, nn0).unwrap(), nn0).unwrap();
    let c = rp.commit_ct(&z1, &z3).unwrap().mod_mul(&s.inv_mod(nh).unwrap().pow_mod_vartime(&e, nh).unwrap(), nh).unwrap();
    PiEncProof { s, a, c, z1: Int::from(z1), z2, z3: Int::from(z3) }
}

/// TSSHOCK (Black Hat USA 2023), range-proof part: a Fiat–Shamir proof
/// whose challenge the prover can steer is forgeable. The attacker sends
/// party 1 a Πenc built for a challenge of its choosing, and party 2 the
/// honest Πenc it made for party 1 (another statement: verifier 1's
/// ring-Pedersen parameters). Both blame it in round 2, before answering
/// its `K` with any MtA.
#[test]
fn tsshock_pi_enc_for_another_challenge_or_statement_is_blamed() {
    let keys = dealer_keys();
    let pk3 = keys[2].paillier.public_key().clone();
    let rp1 = keys[0].public.aux(1).unwrap().rp.clone();
    let mut for_party_1: Option<PiEncProof> = None;
    let o = presign_all(&keys, &mut |round, from, to, m| {
        if (round, from) == (1, ATTACKER) {
            forge::rewrite(m, |r: &mut PresignRound1| {
                if to == 1 {
                    for_party_1 = Some(r.pi_enc.clone());
                    r.pi_enc = simulated_pi_enc(&pk3, &rp1, &r.k_ct);
                } else {
                    r.pi_enc = for_party_1.clone().unwrap();
                }
            });
        }
    });
    assert_blamed(&o, Code::ProofFailed, "Πenc: (1+N0)^z1·z2^N0 ≠ A·K^e");
    assert_silent(&o, 2);
}

/// Alpha-Rays (Tymokhanov, Shlomovits, "Alpha-Rays: Key Extraction Attacks
/// on Threshold ECDSA Implementations", ePrint 2021/1621), receiver side: the
/// attacker's `K = enc(k)` holds `k ≈ N/3`, far outside `±2^ℓ`, so that
/// the honest MtA answers `D = K^γ·enc(β)` decrypt with a wrap-around that
/// leaks `γ` and `w`. It sends a Πenc made by `pi_enc::prove` for that
/// `k`; `z1` is out of range, both honest parties blame it in round 2, and
/// neither sends a round-2 message (no D, D̂ computed on its `K`).
#[test]
fn alpha_rays_oversized_k_is_blamed_before_any_reply() {
    let keys = dealer_keys();
    let pk3 = keys[2].paillier.public_key().clone();
    let k = pk3.n().div_rem(&Nat::from_u64(3)).unwrap().0;
    let (k_ct, rho) = pk3.encrypt(&k, &mut OsRng).unwrap();
    let proofs: BTreeMap<PartyId, PiEncProof> =
        HONEST.iter().map(|&j| (j, pi_enc::prove(&pctx("enc"), &pk3, &keys[2].public.aux(j).unwrap().rp, &k_ct, &Int::from(k.clone()), &rho, &mut OsRng).unwrap())).collect();
    let o = presign_all(&keys, &mut |round, from, to, m| {
        if (round, from) == (1, ATTACKER) {
            forge::rewrite(m, |r: &mut PresignRound1| (r.k_ct, r.pi_enc) = (k_ct.clone(), proofs[&to].clone()));
        }
    });
    assert_blamed(&o, Code::ProofFailed, "Πenc: z1 out of range");
    assert_silent(&o, 2);
}

/// Alpha-Rays (ePrint 2021/1621), responder side: in round 2 the attacker
/// answers party `j`'s `K_j` with `D̂ = K_j^x·enc_j(β̂)` for
/// `x = w_3 + 2^744·q ≈ 2^1000` — the same point `x·G = λ_3·X_3` as its
/// real additive share, so the statement is consistent — with a Πaff-g made
/// by `pi_aff_g::prove` for that `x`. `z1` is out of range: each honest
/// party blames it while verifying round 2, before decrypting anything,
/// and sends no round-3 message (no δ_i, χ_i derived from the decryption).
#[test]
fn alpha_rays_oversized_mta_x_is_blamed_before_decryption() {
    let keys = dealer_keys();
    let me = &keys[2];
    let pk3 = me.paillier.public_key().clone();
    let w3: Scalar = lagrange_coefficient::<Secp256k1>(ATTACKER, &ALL).unwrap() * *me.x.expose();
    let x = Int::from(scalar_to_nat(&w3)).add(&Int::from(order().shl(744)));
    assert_eq!((x.magnitude().bits(), x.to_scalar().unwrap()), (1000, w3));
    let x_point = me.public.additive_share(ATTACKER, &ALL).unwrap();
    assert_eq!(x_point, Secp256k1::mul_base(&w3));
    let mut k_cts: BTreeMap<PartyId, Nat> = BTreeMap::new();
    let o = presign_all(&keys, &mut |round, from, to, m| match (round, from, to) {
        (1, j, ATTACKER) => drop(k_cts.insert(j, forge::read::<PresignRound1>(m).k_ct)),
        (2, ATTACKER, j) => {
            let aux_j = me.public.aux(j).unwrap();
            let y = mask(L_PRIME, &mut OsRng);
            let s = random_unit(aux_j.paillier.n(), &mut OsRng).unwrap();
            let d_hat = pi_aff_g::affine(&aux_j.paillier, &k_cts[&j], &x, &Int::from(y.clone()), &s).unwrap();
            let (f_hat, r) = pk3.encrypt(&y, &mut OsRng).unwrap();
            let st = PiAffGStatement { pk0: &aux_j.paillier, pk1: &pk3, c: &k_cts[&j], d: &d_hat, y_ct: &f_hat, x_point: &x_point };
            let w = PiAffGWitness { x: &x, y: &Int::from(y.clone()), rho: &s, rho_y: &r };
            let psi_hat = pi_aff_g::prove(&pctx("aff-g/x"), &st, &aux_j.rp, &w, &mut OsRng).unwrap();
            forge::rewrite(m, |r: &mut PresignRound2| (r.d_hat, r.f_hat, r.psi_hat) = (d_hat, f_hat, psi_hat));
        }
        _ => {}
    });
    assert_blamed(&o, Code::ProofFailed, "Πaff-g: z1 out of range");
    assert!(HONEST.iter().all(|h| o.sent.contains(&(2, *h))), "round 1 was honest");
    assert_silent(&o, 3);
}

/// Feldman VSS (Feldman, FOCS 1987; GG18/CGGMP21 key generation): a dealer
/// whose share for `j` is off its published commitments is named by
/// `InvalidShare`; a dealing whose Schnorr proof of knowledge of the
/// constant term is made for another party id (a rogue-key / copied
/// dealing) fails in round 2.
#[test]
fn share_off_its_commitments_and_pok_for_another_id_are_blamed() {
    let o = dkg(&mut |round, from, _to, m| {
        if (round, from) == (2, ATTACKER) {
            forge::rewrite(m, |r: &mut KeygenRound2| {
                let share = r.share.as_mut().unwrap();
                *share = Secp256k1::encode_scalar(&(Secp256k1::decode_scalar(share).unwrap() + Secp256k1::scalar_one()));
            });
        }
    });
    assert_blamed(&o, Code::InvalidShare, "commitments");

    let forged = dealing(1);
    let o = dkg(&mut attacker_round1(|r| r.dealing = Some(forged.clone())));
    assert_blamed(&o, Code::ProofFailed, "proof of knowledge");
}

/// Equivocation against echo broadcast (Goldwasser, Lindell, "Secure
/// Multi-Party Computation without Agreement", J. Cryptology 2005): the
/// attacker shows party 2 a second, fully valid dealing. Both dealings pass
/// round 2; the round-3 echoes (one digest per sender) disagree on the
/// attacker's broadcast and nobody gets a key. From inside the core an
/// equivocating sender and a peer lying about what it saw look alike, so the
/// abort names no culprit — it never accuses an honest party — and its
/// detail names the sender in dispute (party 3). The transport's signed
/// envelopes are what let an operator prove which of the two it was.
#[test]
fn equivocated_dealing_aborts_at_the_echo() {
    let other = dealing(ATTACKER);
    let o = dkg(&mut |round, from, to, m| {
        if (round, from, to) == (1, ATTACKER, 2) {
            forge::rewrite(m, |r: &mut KeygenRound1| r.dealing = Some(other.clone()));
        }
    });
    assert!(ALL.iter().all(|p| o.sent.contains(&(2, *p))), "both dealings verify");
    assert_aborts(&o, Code::Aborted, "another broadcast from party 3", &[(1, &[]), (2, &[]), (3, &[])]);
    assert!(o.outputs.is_empty());
}
