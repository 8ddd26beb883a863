//! What UCCX itself says about the CUCM objects it provisions: its triggers
//! (`adminapi/trigger`) and its call control groups (`adminapi/callControlGroup`), each with
//! the CTI ports of every UCCX node. Rules read them beside what CUCM's export says about the
//! same devices: a trigger is a CTI route point in CUCM, a call control group's ports are CTI
//! ports.

use crate::{DnRef, ObjectKey, Span, Spanned, Text};

/// A UCCX trigger (`<triggers><trigger>` of `GET /adminapi/trigger`): a CTI route point that
/// UCCX created and registers through the telephony (JTAPI) user of every node.
#[derive(Clone, Debug)]
pub struct UccxTrigger {
    /// `directoryNumber`: the trigger's DN, as UCCX gives it (partition in `partition`).
    pub directory_number: Spanned<DnRef>,
    /// `deviceName`: the CTI route point's device name in CUCM.
    pub device_name: Option<Spanned<Text>>,
    /// `callControlGroup` (its `name` attribute): the port group the trigger's calls use.
    pub call_control_group: Option<Spanned<Text>>,
    /// `application` (its `name` attribute).
    pub application: Option<Spanned<Text>>,
    /// `callingSearchSpace`: the route point's CSS.
    pub calling_search_space: Option<Spanned<Text>>,
    /// `callingSearchSpaceForRedirect`: `default` or a CSS.
    pub redirect_calling_search_space: Option<Spanned<Text>>,
    /// `triggerEnabled`.
    pub enabled: Option<Spanned<bool>>,
    /// The whole `<trigger>` element.
    pub span: Span,
}

impl UccxTrigger {
    /// The object key of this trigger: `uccxtrigger:<directory number>`.
    pub fn key(&self) -> ObjectKey {
        ObjectKey::UccxTrigger(self.directory_number.value.clone())
    }
}

/// A UCCX Unified CM Telephony call control group (`GET /adminapi/callControlGroup`): a pool
/// of CTI ports, created by UCCX as one port group per UCCX node.
#[derive(Clone, Debug)]
pub struct UccxCallControlGroup {
    /// `id`.
    pub id: Option<Spanned<Text>>,
    /// `description` (the group's name in the UCCX administration pages).
    pub description: Option<Spanned<Text>>,
    /// `deviceNamePrefix`: the ports are named `<prefix>_<directory number>`.
    pub device_name_prefix: Option<Spanned<Text>>,
    /// One port group per UCCX node (`portGroupConfiguration`), in document order.
    pub port_groups: Vec<UccxPortGroup>,
    /// The whole `<callControlGroup>` element.
    pub span: Span,
}

/// The CTI ports of one call control group on one UCCX node (`portGroupConfiguration`).
#[derive(Clone, Debug)]
pub struct UccxPortGroup {
    /// `hostName`: the UCCX node (absent in a single-node deployment).
    pub host: Option<Spanned<Text>>,
    /// `listOfCTIPorts`, split at commas: the CTI ports' device names.
    pub ports: Vec<Spanned<Text>>,
    /// `redirectCallingSearchSpace`: which CSS UCCX redirects calls with.
    pub redirect_calling_search_space: Option<Spanned<Text>>,
    /// The whole `<portGroupConfiguration>` element.
    pub span: Span,
}
