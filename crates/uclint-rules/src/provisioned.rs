//! The objects UCCX provisions in CUCM itself, as rules see them: its CTI ports and route
//! points and its triggers. Admins are told not to edit them in CUCM
//! (UCCX 12.5(1)SU3 Solution Release Notes, "Unsupported configurations and scenarios"), so a
//! rule must know one before it judges it: a CTI port split between the UCCX nodes' telephony
//! users is how UCCX provisions ports, not a mismatch.
//!
//! What CUCM's export says (a CTI port or route point controlled by a UCCX telephony user) and
//! what UCCX's own exports say (`adminapi/trigger` device names, `adminapi/callControlGroup`
//! port lists) are read together: either is enough to know a device is UCCX's.
//!
//! This is part of the view of a run, not of the catalog: it depends on the run's JTAPI users
//! and on what the export holds. It is found once, the first time a rule asks, and the
//! [`Context`](crate::Context) keeps it and answers for it; it takes the cluster and the JTAPI
//! users rather than the Context, so that the Context can hold it without the two naming each
//! other.

use rustc_hash::{FxHashMap, FxHashSet};
use uclint_model::{AppUser, Cluster, ClusterIndex, DataSet, Device, DnKey, Line, ObjectKey, Span, UccxTrigger};

use crate::catalog::{Controls, CtiKind};

/// What UCCX provisions in CUCM, found once per run; the [`Context`](crate::Context) keeps it and
/// answers rules from it.
#[derive(Debug)]
pub(crate) struct Provisioned<'a> {
    /// [`Provisioned::named_devices`].
    named: FxHashMap<String, Span>,
    /// [`Provisioned::cti_devices`].
    devices: Result<Vec<(&'a Device, CtiKind)>, String>,
}

/// A UCCX trigger: a line of a CUCM route point that is UCCX's, with UCCX's own record of it
/// when the export has one, or a trigger from UCCX's export alone.
#[derive(Clone, Debug)]
pub struct Trigger<'a> {
    /// The CTI route point in CUCM's export, if it is there.
    pub route_point: Option<&'a Device>,
    /// The route point's line with the trigger's DN.
    pub line: Option<&'a Line>,
    /// UCCX's record of the trigger (`adminapi/trigger`).
    pub uccx: Option<&'a UccxTrigger>,
    /// The trigger's DN: the line's, else UCCX's (resolved against CUCM's DNs when UCCX gives
    /// no partition).
    pub dn: DnKey,
    /// Where the DN is written: the line's cell, else UCCX's `directoryNumber`.
    pub dn_span: Span,
}

impl Trigger<'_> {
    /// The object findings about the trigger are keyed by: the route point, else UCCX's trigger.
    pub fn key(&self) -> ObjectKey {
        match (self.route_point, self.uccx) {
            (Some(device), _) => device.key(),
            (None, Some(trigger)) => trigger.key(),
            (None, None) => ObjectKey::Dn(self.dn.clone()),
        }
    }

    /// For messages: `route point CXBA_RP`, or `UCCX trigger 5000` when CUCM's export does not
    /// have the route point.
    pub fn describe(&self) -> String {
        let device = self.route_point.map(|d| d.name.value.as_str());
        match device.or_else(|| self.uccx?.device_name.as_ref().map(|n| n.value.as_str())) {
            Some(name) => format!("route point {name}"),
            None => format!("UCCX trigger {}", self.dn),
        }
    }
}

impl<'a> Provisioned<'a> {
    /// Finds what UCCX provisions in `cluster`, whose UCCX telephony (JTAPI) users are `jtapi`
    /// (or the reason none is known).
    pub(crate) fn find(cluster: &'a Cluster, jtapi: Result<&[&'a AppUser], String>) -> Self {
        let named = find_uccx_named_devices(cluster);
        let devices = find_uccx_cti_devices(cluster, jtapi, &named);
        Provisioned { named, devices }
    }

    /// The device names UCCX's own exports give (trigger route points and call control group
    /// ports), lower-cased (CUCM device names are case-insensitive), each with where UCCX's
    /// export first names it.
    pub(crate) fn named_devices(&self) -> &FxHashMap<String, Span> {
        &self.named
    }

    /// The UCCX CTI ports and route points, in cluster order, or why they cannot be told
    /// ([`Context::uccx_cti_devices`](crate::Context::uccx_cti_devices)).
    pub(crate) fn cti_devices(&self) -> Result<&[(&'a Device, CtiKind)], String> {
        self.devices.as_deref().map_err(Clone::clone)
    }

    /// The UCCX triggers: every line of a UCCX route point, joined with UCCX's record of it by
    /// device name, then UCCX's triggers whose route point CUCM's export does not show, in
    /// cluster order ([`Context::uccx_triggers`](crate::Context::uccx_triggers)).
    pub(crate) fn triggers(&self, cluster: &'a Cluster, index: &ClusterIndex<'a>) -> Result<Vec<Trigger<'a>>, String> {
        let devices = self.cti_devices()?;
        let by_device: FxHashMap<String, &'a UccxTrigger> = cluster
            .uccx_triggers
            .iter()
            .filter_map(|t| Some((t.device_name.as_ref()?.value.trim().to_lowercase(), t)))
            .collect();
        let mut out = Vec::new();
        let mut joined: FxHashSet<*const UccxTrigger> = FxHashSet::default();
        for &(device, kind) in devices {
            if kind != CtiKind::RoutePoint {
                continue;
            }
            let uccx = by_device.get(&device.name.value.trim().to_lowercase()).copied();
            if let Some(uccx) = uccx {
                joined.insert(uccx);
            }
            for line in &device.lines {
                let (dn, dn_span) = (line.dn.value.clone(), line.dn.span);
                out.push(Trigger { route_point: Some(device), line: Some(line), uccx, dn, dn_span });
            }
        }
        for uccx in &cluster.uccx_triggers {
            if joined.contains(&std::ptr::from_ref(uccx)) {
                continue;
            }
            let dn_ref = &uccx.directory_number.value;
            let dn = match &dn_ref.partition {
                Some(partition) => DnKey::new(&dn_ref.pattern, partition),
                None => {
                    let keys = index.resolve(dn_ref);
                    keys.into_iter().next().unwrap_or_else(|| DnKey::new(&dn_ref.pattern, ""))
                }
            };
            let route_point = uccx.device_name.as_ref().and_then(|name| index.device(name.value.trim()));
            let dn_span = uccx.directory_number.span;
            out.push(Trigger { route_point, line: None, uccx: Some(uccx), dn, dn_span });
        }
        Ok(out)
    }
}

/// Whether the export has any record of UCCX's own (triggers, call control groups).
fn has_uccx_telephony(cluster: &Cluster) -> bool {
    cluster.has(DataSet::UccxTriggers) || cluster.has(DataSet::UccxCallControlGroups)
}

fn find_uccx_named_devices(cluster: &Cluster) -> FxHashMap<String, Span> {
    let triggers = cluster.uccx_triggers.iter().filter_map(|t| t.device_name.as_ref());
    let ports = cluster.uccx_call_control_groups.iter().flat_map(|g| &g.port_groups).flat_map(|p| &p.ports);
    let mut named = FxHashMap::default();
    for name in triggers.chain(ports) {
        named.entry(name.value.trim().to_lowercase()).or_insert(name.span);
    }
    named
}

fn find_uccx_cti_devices<'a>(
    cluster: &'a Cluster,
    jtapi: Result<&[&'a AppUser], String>,
    named: &FxHashMap<String, Span>,
) -> Result<Vec<(&'a Device, CtiKind)>, String> {
    let controls: Vec<Controls<'a>> = match jtapi {
        Ok(users) => users.iter().map(|u| Controls::new(u)).collect(),
        Err(_) if has_uccx_telephony(cluster) => Vec::new(),
        Err(reason) => return Err(reason),
    };
    let devices = cluster
        .phones
        .iter()
        .filter_map(|device| Some((device, CtiKind::of(device)?)))
        .filter(|(device, _)| {
            controls.iter().any(|c| c.span(device).is_some())
                || named.contains_key(&device.name.value.trim().to_lowercase())
        })
        .collect();
    Ok(devices)
}
