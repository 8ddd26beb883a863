//! Hand-built clusters for the dial-plan tests: each helper makes one model record with only
//! what digit analysis reads.

#![allow(dead_code)]

use uclint_model::{
    CallingSearchSpace, Cluster, Device, DeviceKind, DialPattern, DnKey, HuntList, Line, Partition, PatternKind,
    RouteList, SourceId, Span, Spanned, Text, UccxTrigger,
};

pub fn span() -> Span {
    Span::new(SourceId::new(0), 0, 0)
}

pub fn sp<T>(value: T) -> Spanned<T> {
    Spanned::new(value, span())
}

pub fn text(value: &str) -> Spanned<Text> {
    sp(Text::from(value))
}

pub fn partition(name: &str) -> Partition {
    Partition { name: text(name), time_schedule: None, span: span() }
}

pub fn scheduled_partition(name: &str, schedule: &str) -> Partition {
    Partition { name: text(name), time_schedule: Some(text(schedule)), span: span() }
}

pub fn css(name: &str, partitions: &[&str]) -> CallingSearchSpace {
    CallingSearchSpace { name: text(name), partitions: partitions.iter().map(|p| text(p)).collect(), span: span() }
}

pub fn pattern(kind: PatternKind, pattern: &str, partition: &str) -> DialPattern {
    DialPattern::new(kind, text(pattern), text(partition), span())
}

pub fn route(pat: &str, partition: &str, destination: &str) -> DialPattern {
    let mut p = pattern(PatternKind::RoutePattern, pat, partition);
    p.destination = Some(text(destination));
    p
}

pub fn blocked(pat: &str, partition: &str) -> DialPattern {
    let mut p = pattern(PatternKind::RoutePattern, pat, partition);
    p.blocked = Some(sp(true));
    p
}

pub fn urgent(mut p: DialPattern) -> DialPattern {
    p.urgent = Some(sp(true));
    p
}

/// A translation pattern with the given CSS (`None`: the `<None>` CSS).
pub fn translation(pat: &str, partition: &str, css: Option<&str>) -> DialPattern {
    let mut p = pattern(PatternKind::TranslationPattern, pat, partition);
    p.css = css.map(text);
    p
}

pub fn with_called(mut p: DialPattern, discard: &str, mask: &str, prefix: &str) -> DialPattern {
    let field = |v: &str| (!v.is_empty()).then(|| text(v));
    p.called.discard = field(discard);
    p.called.mask = field(mask);
    p.called.prefix = field(prefix);
    p
}

pub fn originator(mut p: DialPattern) -> DialPattern {
    p.use_originator_css = Some(sp(true));
    p
}

pub fn hunt_pilot(pat: &str, partition: &str, hunt_list: &str) -> DialPattern {
    let mut p = pattern(PatternKind::HuntPilot, pat, partition);
    p.destination = Some(text(hunt_list));
    p
}

pub fn hunt_list(name: &str, groups: &[&str]) -> HuntList {
    HuntList { name: text(name), line_groups: groups.iter().map(|g| text(g)).collect(), span: span() }
}

pub fn route_list(name: &str, groups: &[&str]) -> RouteList {
    RouteList { name: text(name), route_groups: groups.iter().map(|g| text(g)).collect(), span: span() }
}

pub fn dn(pattern: &str, partition: &str) -> DnKey {
    DnKey::new(pattern, partition)
}

/// A device of `kind` with `model`, a device CSS and lines `(dn, partition, line CSS)`.
pub fn device(
    kind: DeviceKind,
    name: &str,
    model: &str,
    css: Option<&str>,
    lines: &[(&str, &str, Option<&str>)],
) -> Device {
    let mut d = Device::new(kind, text(name), span());
    d.model = Some(text(model));
    d.css = css.map(text);
    for (i, (pattern, partition, line_css)) in lines.iter().enumerate() {
        let mut line = Line::new(sp(i as u32 + 1), sp(dn(pattern, partition)));
        line.css = line_css.map(text);
        d.lines.push(line);
    }
    d
}

pub fn phone(name: &str, css: Option<&str>, lines: &[(&str, &str, Option<&str>)]) -> Device {
    device(DeviceKind::Phone, name, "Cisco 8841", css, lines)
}

pub fn trigger(pattern: &str, partition: Option<&str>) -> UccxTrigger {
    let directory_number = match partition {
        Some(p) => uclint_model::DnRef::with_partition(pattern, p),
        None => uclint_model::DnRef::pattern_only(pattern),
    };
    UccxTrigger {
        directory_number: sp(directory_number),
        device_name: None,
        call_control_group: None,
        application: None,
        calling_search_space: None,
        redirect_calling_search_space: None,
        enabled: None,
        span: span(),
    }
}

/// A cluster with these partitions (declared), CSSs and patterns.
pub fn cluster(partitions: &[&str], css_list: Vec<CallingSearchSpace>, patterns: Vec<DialPattern>) -> Cluster {
    Cluster {
        partitions: partitions.iter().map(|p| partition(p)).collect(),
        calling_search_spaces: css_list,
        dial_patterns: patterns,
        ..Cluster::default()
    }
}
