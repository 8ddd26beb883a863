//! Where a call comes from, and the partitions its digits are analysed in: the calling search
//! space walk (dialplan.md §3).
//!
//! - **Line, then device** (R3, §3.2): "Cisco CallManager concatenates the two calling search
//!   spaces and places the line calling search space in front of the device calling search
//!   space". A line's CSS is the line appearance's ([`uclint_model::Line::css`], BAT `Line CSS N`)
//!   or else the DN object's ([`uclint_model::DirectoryNumber::css`], AXL `getLine`): both are
//!   the same DN setting, read from different files.
//! - **CTI ports and CTI route points** (§3.3): the SRND reverses the order (R31), the UCCX 12.5
//!   guide (R32) and a lab test (R31b) do not. The default is line first;
//!   [`crate::Settings::cti_device_css_first`] switches it, and an analysis whose outcome depends
//!   on it says so.
//! - **`<None>` last** (R3): the null partition is in every CSS and searched after all others,
//!   so it loses ties; the `<None>` CSS (no CSS at all) searches only `<None>` (R4, edge case E6).
//! - A partition that appears twice is searched at its first position.
//! - A CSS naming a partition the export does not have is skipped, and the analysis says so; a
//!   partition with a time schedule is assumed active (an export carries no time of call; §3.4,
//!   E21), and the analysis says that too.
//! - Names are compared exactly (see [`crate::plan`]'s module docs).

use std::fmt;

use uclint_model::{DnKey, Text};

use crate::plan::{is_model, CTI_PORT, CTI_ROUTE_POINT, NONE};
use crate::DialPlan;

/// Where the call comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A phone or device profile and one of its lines: the line CSS, then the device CSS. With
    /// no line given, the line with the lowest button index.
    Device {
        /// The device or profile name.
        device: Text,
        /// The line's DN.
        line: Option<DnKey>,
    },
    /// A calling search space by name alone (a gateway's or trunk's inbound CSS, a translation
    /// pattern's). An empty name or `<None>` is the null CSS.
    Css(Text),
    /// A line CSS and a device CSS given by name (an Extension Mobility login: the profile's
    /// line CSS and the phone's device CSS, R29). Either may be absent.
    Explicit {
        /// The line CSS.
        line_css: Option<Text>,
        /// The device CSS.
        device_css: Option<Text>,
    },
}

/// Where a searched calling search space came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CssSource {
    /// The calling line's CSS (or the line CSS of [`Origin::Explicit`]).
    Line,
    /// The calling device's CSS (or the device CSS of [`Origin::Explicit`]).
    Device,
    /// A translation pattern's own CSS.
    Pattern,
    /// "Use Originator's Calling Search Space" on a translation pattern.
    Originator,
    /// Given by the caller of the analysis ([`Origin::Css`]).
    Given,
}

impl fmt::Display for CssSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CssSource::Line => "line",
            CssSource::Device => "device",
            CssSource::Pattern => "pattern",
            CssSource::Originator => "originator",
            CssSource::Given => "given",
        })
    }
}

/// One calling search space an analysis step searched.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SearchedCss {
    /// The name as configured.
    pub name: Text,
    /// Where it came from.
    pub source: CssSource,
    /// Whether the export has a CSS of this name (if not, its partitions are unknown).
    pub found: bool,
}

/// The calling search spaces of one analysis step and the partitions they give, in search
/// order, `<None>` last (as the empty string).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct SearchList {
    pub(crate) css: Vec<SearchedCss>,
    pub(crate) partitions: Vec<Text>,
}

impl SearchList {
    /// The same partitions, every CSS relabelled as coming from `source`.
    pub(crate) fn relabelled(&self, source: CssSource) -> SearchList {
        let css = self.css.iter().map(|c| SearchedCss { source, ..c.clone() }).collect();
        SearchList { css, partitions: self.partitions.clone() }
    }
}

/// A search list and what it says of the CTI order.
pub(crate) struct Walk {
    pub(crate) list: SearchList,
    /// A CTI device with both a line and a device CSS: the order is disputed.
    pub(crate) cti_order_matters: bool,
}

/// Records an assumption once.
pub(crate) fn assume(assumptions: &mut Vec<String>, text: String) {
    if !assumptions.contains(&text) {
        assumptions.push(text);
    }
}

impl DialPlan<'_> {
    /// The search list of `origin`.
    pub(crate) fn walk(&self, origin: &Origin, device_first: bool, assumptions: &mut Vec<String>) -> Walk {
        let mut cti_order_matters = false;
        let named: Vec<(Text, CssSource)> = match origin {
            Origin::Css(name) => vec![(name.clone(), CssSource::Given)],
            Origin::Explicit { line_css, device_css } => [(line_css, CssSource::Line), (device_css, CssSource::Device)]
                .into_iter()
                .filter_map(|(name, source)| name.clone().map(|n| (n, source)))
                .collect(),
            Origin::Device { device, line } => {
                let Some(found) = self.device(device) else {
                    assume(assumptions, format!("device {device} is not in the export: only {NONE} searched"));
                    return Walk { list: self.search_list(&[], assumptions), cti_order_matters };
                };
                let lines = found.lines_by_index();
                let line_record = match line {
                    Some(key) => {
                        let hit = lines.iter().find(|l| &l.dn.value == key).copied();
                        if hit.is_none() {
                            assume(assumptions, format!("device {device} has no line {key}: its line CSS is not used"));
                        }
                        hit
                    }
                    None => lines.first().copied(),
                };
                let line_css = line_record.and_then(|l| {
                    l.css
                        .as_ref()
                        .or_else(|| self.directory_number(&l.dn.value).and_then(|n| n.css.as_ref()))
                        .map(|c| c.value.clone())
                });
                let device_css = found.css.as_ref().map(|c| c.value.clone());
                let cti = is_model(found, CTI_PORT) || is_model(found, CTI_ROUTE_POINT);
                let mut named = Vec::new();
                let line_css = line_css.filter(|n| !is_none_css(n)).map(|n| (n, CssSource::Line));
                let device_css = device_css.filter(|n| !is_none_css(n)).map(|n| (n, CssSource::Device));
                cti_order_matters = cti && line_css.is_some() && device_css.is_some();
                if cti && device_first {
                    named.extend(device_css);
                    named.extend(line_css);
                } else {
                    named.extend(line_css);
                    named.extend(device_css);
                }
                named
            }
        };
        Walk { list: self.search_list(&named, assumptions), cti_order_matters }
    }

    /// The search list of calling search spaces given by name, in order.
    pub(crate) fn search_list(&self, named: &[(Text, CssSource)], assumptions: &mut Vec<String>) -> SearchList {
        let mut list = SearchList { css: Vec::new(), partitions: Vec::new() };
        for (name, source) in named {
            if is_none_css(name) {
                continue;
            }
            let Some(css) = self.css(name) else {
                assume(
                    assumptions,
                    format!("calling search space {name} is not in the export: its partitions are not searched"),
                );
                list.css.push(SearchedCss { name: name.clone(), source: *source, found: false });
                continue;
            };
            list.css.push(SearchedCss { name: name.clone(), source: *source, found: true });
            for partition in &css.partitions {
                let partition = partition.value.trim();
                if partition.is_empty() || partition == NONE || list.partitions.iter().any(|p| p == partition) {
                    continue;
                }
                if !self.partition_exists(partition) {
                    assume(
                        assumptions,
                        format!("calling search space {name} names partition {partition}, which is not in the export: skipped"),
                    );
                    continue;
                }
                if let Some(schedule) = self.time_schedule(partition) {
                    assume(assumptions, format!("partition {partition} has time schedule {schedule}: assumed active"));
                }
                list.partitions.push(Text::from(partition));
            }
        }
        list.partitions.push(Text::new());
        list
    }
}

/// Whether a CSS name means "no CSS": empty or `<None>`.
fn is_none_css(name: &str) -> bool {
    let name = name.trim();
    name.is_empty() || name == NONE
}
