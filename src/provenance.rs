//! What a file's location says about it: council and committee from `scrutiny.toml` sidecar
//! files in its folder or any folder above, then from the `<council>/<committee>/...` path
//! convention under the indexed root.

use serde::Deserialize;
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

/// The sidecar file name.
pub const SIDECAR: &str = "scrutiny.toml";

/// A sidecar's settings; each applies to every file in its folder and below.
#[derive(Debug, Default, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Sidecar {
    pub council: Option<String>,
    pub committee: Option<String>,
}

/// Council and committee of a file, where known.
#[derive(Debug, Default, Clone, PartialEq, Eq, Hash)]
pub struct Place {
    pub council: Option<String>,
    pub committee: Option<String>,
}

/// Reads sidecars once per folder and answers for every file below them.
#[derive(Default)]
pub struct Provenance {
    sidecars: HashMap<PathBuf, Option<Sidecar>>,
    /// Sidecars that could not be read, with the reason.
    pub problems: Vec<(PathBuf, String)>,
}

impl Provenance {
    /// Where `file` (found under `root`) sits: sidecars first, nearest folder first, then the
    /// path convention for whatever they leave unknown.
    pub fn place(&mut self, file: &Path, root: &Path) -> Place {
        let mut place = Place::default();
        let absolute = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
        for dir in absolute.ancestors().skip(1) {
            if let Some(sidecar) = self.sidecar(dir) {
                if place.council.is_none() {
                    place.council = sidecar.council.clone();
                }
                if place.committee.is_none() {
                    place.committee = sidecar.committee.clone();
                }
            }
            if place.council.is_some() && place.committee.is_some() {
                return place;
            }
        }
        if let Ok(relative) = file.strip_prefix(root) {
            let convention = from_path_convention(relative);
            place.council = place.council.or(convention.council);
            place.committee = place.committee.or(convention.committee);
        }
        place
    }

    fn sidecar(&mut self, dir: &Path) -> Option<&Sidecar> {
        if !self.sidecars.contains_key(dir) {
            let path = dir.join(SIDECAR);
            let parsed = match std::fs::read_to_string(&path) {
                Ok(text) => match toml::from_str::<Sidecar>(&text) {
                    Ok(s) => Some(s),
                    Err(e) => {
                        self.problems
                            .push((path, format!("ignored: {}", e.message())));
                        None
                    }
                },
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
                Err(e) => {
                    self.problems.push((path, format!("ignored: {e}")));
                    None
                }
            };
            self.sidecars.insert(dir.to_path_buf(), parsed);
        }
        self.sidecars.get(dir).and_then(Option::as_ref)
    }
}

/// `<council>/<committee>/...`: the first two folders below the root that are not dates.
/// Fewer than two such folders tells us nothing for certain, so nothing is taken.
pub fn from_path_convention(relative: &Path) -> Place {
    let folders: Vec<&str> = relative
        .parent()
        .into_iter()
        .flat_map(Path::components)
        .filter_map(|c| match c {
            Component::Normal(s) => s.to_str(),
            _ => None,
        })
        .filter(|s| !is_date_like(s))
        .collect();
    match folders.as_slice() {
        [council, committee, ..] => Place {
            council: Some(humanise(council)),
            committee: Some(humanise(committee)),
        },
        _ => Place::default(),
    }
}

fn is_date_like(name: &str) -> bool {
    name.chars()
        .all(|c| c.is_ascii_digit() || c == '-' || c == '_')
}

/// "kestrel-vale-district-council" -> "Kestrel Vale District Council". Names already in mixed
/// case are kept as written.
pub fn humanise(folder: &str) -> String {
    let spaced = folder.replace(['-', '_'], " ");
    if spaced.chars().any(char::is_uppercase) {
        return spaced;
    }
    const SMALL: [&str; 7] = ["and", "of", "the", "for", "in", "on", "to"];
    spaced
        .split_whitespace()
        .enumerate()
        .map(|(i, w)| {
            if i > 0 && SMALL.contains(&w) {
                w.to_string()
            } else {
                let mut c = w.chars();
                c.next()
                    .map(|f| f.to_uppercase().chain(c).collect())
                    .unwrap_or_default()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_convention_needs_two_folders_and_skips_dates() {
        let p = from_path_convention(Path::new(
            "kestrel-vale-district-council/communities-scrutiny/2019/x.txt",
        ));
        assert_eq!(p.council.as_deref(), Some("Kestrel Vale District Council"));
        assert_eq!(p.committee.as_deref(), Some("Communities Scrutiny"));
        assert_eq!(
            from_path_convention(Path::new("2024/03/x.txt")),
            Place::default()
        );
        assert_eq!(
            from_path_convention(Path::new("minutes/x.txt")),
            Place::default()
        );
    }

    #[test]
    fn humanise_keeps_small_words_low() {
        assert_eq!(
            humanise("overview-and-scrutiny-board"),
            "Overview and Scrutiny Board"
        );
        assert_eq!(humanise("Cabinet_Papers"), "Cabinet Papers");
    }

    #[test]
    fn nearest_sidecar_wins_per_key() {
        let dir = tempfile::tempdir().unwrap();
        let committee_dir = dir.path().join("c/overview");
        std::fs::create_dir_all(&committee_dir).unwrap();
        std::fs::write(
            dir.path().join("c/scrutiny.toml"),
            "council = \"Eastfold Borough Council\"\ncommittee = \"Outer\"",
        )
        .unwrap();
        std::fs::write(
            committee_dir.join("scrutiny.toml"),
            "committee = \"Overview Board\"",
        )
        .unwrap();
        let file = committee_dir.join("2020-01-01-board.txt");
        let place = Provenance::default().place(&file, dir.path());
        assert_eq!(place.council.as_deref(), Some("Eastfold Borough Council"));
        assert_eq!(place.committee.as_deref(), Some("Overview Board"));
    }

    #[test]
    fn bad_sidecar_is_reported_and_ignored() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("scrutiny.toml"), "council = ").unwrap();
        let mut prov = Provenance::default();
        let place = prov.place(&dir.path().join("x.txt"), dir.path());
        assert_eq!(place, Place::default());
        assert_eq!(prov.problems.len(), 1);
        assert!(prov.problems[0].0.ends_with("scrutiny.toml"));
    }
}
