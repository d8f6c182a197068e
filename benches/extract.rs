//! Extraction throughput in MB/s, one thread, no disk and no index: `scrutiny::extract` on about
//! 3 MB of generated minutes held in memory, once per layout the generator writes and once for
//! its realistic mix. Shows which conventions cost the segmenter most.
//!
//!     cargo bench --bench extract
//!     cargo bench --bench extract -- reported-speech     # one layout

#[path = "support/corpus.rs"]
mod corpus;

use corpus::{Convention, Generator, Mix};
use criterion::{criterion_group, Criterion, SamplingMode, Throughput};
use scrutiny::extract::{extract_bytes, Format, Origin};
use std::path::Path;
use std::time::Duration;

/// Enough text that one pass takes tens of milliseconds, so timer noise is small.
const BYTES_PER_CASE: usize = 3_000_000;

/// A file as the indexer hands it to the extractor: bytes, format, where it came from.
struct Input {
    bytes: Vec<u8>,
    format: Format,
    origin: Origin,
}

fn inputs(generator: &Generator, mix: Mix) -> Vec<Input> {
    let mut total = 0;
    let mut out = Vec::new();
    for index in 0.. {
        if total >= BYTES_PER_CASE {
            break;
        }
        let doc = generator.document_in(index, mix);
        total += doc.text.len();
        out.push(Input {
            format: Format::from_path(Path::new(&doc.path)).unwrap(),
            origin: Origin {
                source: doc.path.clone(),
                relative: doc.path,
                ..Origin::default()
            },
            bytes: doc.text.into_bytes(),
        });
    }
    out
}

fn benches(c: &mut Criterion) {
    let generator = Generator::new(1, Mix::Realistic);
    let mixes = std::iter::once(("realistic mix", Mix::Realistic))
        .chain(Convention::ALL.map(|c| (c.name(), Mix::Only(c))));
    let mut group = c.benchmark_group("extract");
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    for (name, mix) in mixes {
        let inputs = inputs(&generator, mix);
        let bytes: usize = inputs.iter().map(|i| i.bytes.len()).sum();
        group.throughput(Throughput::BytesDecimal(bytes as u64));
        group.bench_function(name, |b| {
            b.iter(|| {
                for input in &inputs {
                    let records = extract_bytes(&input.bytes, input.format, &input.origin);
                    std::hint::black_box(records.unwrap());
                }
            })
        });
    }
    group.finish();
}

criterion_group!(extract_benches, benches);

fn main() {
    extract_benches();
    Criterion::default().configure_from_args().final_summary();
}
