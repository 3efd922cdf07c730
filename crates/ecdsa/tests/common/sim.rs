//! An in-memory multi-party runner for round functions: every party steps on
//! the messages of the previous round addressed to it; a hook may tamper
//! with or drop messages in flight.

use std::collections::BTreeMap;

use sigil_math::round::{Inbound, Step, BROADCAST};
use sigil_math::{PartyId, Result};

/// A message in flight: (round, from, to, payload).
pub type Hook<'a> = &'a mut dyn FnMut(usize, PartyId, PartyId, &mut Vec<u8>);

/// A party's round function.
pub type StepFn<'a> = &'a (dyn Fn(&[u8], &[Inbound]) -> Result<Step> + Sync);

/// Drive every party to completion. `starts` holds each party's first step.
/// Returns each party's output, or the first error any party hit.
pub fn run(starts: BTreeMap<PartyId, Result<Step>>, step: StepFn<'_>, hook: Hook<'_>) -> Result<BTreeMap<PartyId, Vec<u8>>> {
    let mut states: BTreeMap<PartyId, Vec<u8>> = BTreeMap::new();
    let mut outputs = BTreeMap::new();
    let mut pending: Vec<(PartyId, Option<PartyId>, Vec<u8>)> = Vec::new();
    let parties: Vec<PartyId> = starts.keys().copied().collect();
    for (p, s) in starts {
        absorb(p, s?, &mut states, &mut outputs, &mut pending);
    }
    let mut round = 1;
    while !states.is_empty() {
        let mut inbound: BTreeMap<PartyId, Vec<Inbound>> = BTreeMap::new();
        for (from, to, payload) in pending.drain(..) {
            for &p in parties.iter().filter(|p| **p != from && to.is_none_or(|t| t == **p)) {
                let mut payload = payload.clone();
                hook(round, from, p, &mut payload);
                if !payload.is_empty() {
                    inbound.entry(p).or_default().push(Inbound { from, payload });
                }
            }
        }
        let current: Vec<(PartyId, Vec<u8>)> = std::mem::take(&mut states).into_iter().collect();
        // Parties step in parallel threads, as separate nodes would.
        let steps: Vec<(PartyId, Result<Step>)> = std::thread::scope(|scope| {
            let handles: Vec<_> = current
                .iter()
                .map(|(p, state)| {
                    let inbound = inbound.get(p).map(Vec::as_slice).unwrap_or(&[]);
                    (*p, scope.spawn(move || step(state, inbound)))
                })
                .collect();
            handles.into_iter().map(|(p, h)| (p, h.join().expect("party thread panicked"))).collect()
        });
        for (p, s) in steps {
            absorb(p, s?, &mut states, &mut outputs, &mut pending);
        }
        round += 1;
    }
    Ok(outputs)
}

fn absorb(p: PartyId, step: Step, states: &mut BTreeMap<PartyId, Vec<u8>>, outputs: &mut BTreeMap<PartyId, Vec<u8>>, pending: &mut Vec<(PartyId, Option<PartyId>, Vec<u8>)>) {
    let outbound = match step {
        Step::Continue { state, outbound } => {
            states.insert(p, state);
            outbound
        }
        Step::Done { output, outbound } => {
            outputs.insert(p, output);
            outbound
        }
    };
    for m in outbound {
        pending.push((p, m.to.filter(|t| *t != BROADCAST), m.payload));
    }
}

/// A hook that changes nothing.
pub fn honest() -> impl FnMut(usize, PartyId, PartyId, &mut Vec<u8>) {
    |_, _, _, _| {}
}
