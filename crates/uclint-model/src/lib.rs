//! The in-memory model that every other uclint crate shares.
//!
//! It holds what was read from an export (the [`Cluster`]), where each value came from
//! ([`SourceMap`], [`Span`], [`Spanned`]), how objects are named ([`ObjectKey`], [`DnKey`]) and
//! what the linter says about them ([`Diagnostic`], under a [`Code`]). This crate does no IO: parsers fill it in,
//! rules read it, reporters render it.

mod cluster;
mod code;
mod diagnostic;
mod dialplan;
pub mod fields;
mod fix;
mod index;
mod key;
mod source;
mod uccx;
mod unread;

pub use cluster::{
    is_placeholder_user, is_system_partition, is_template_type, AccessControlGroup, AppUser, Cluster,
    CommonDeviceConfig, CredentialPolicy, DataGap, DataSet, Device, DeviceKind, DirectoryNumber, EndUser,
    EnterpriseParameter, ExportHeader, Forward, IntercomLine, IntercomNumber, LdapAuthentication, LdapDirectory,
    LdapServer, LdapSystem, Line, LineGroup, OwnedNumber, PhoneSecurityProfile, PhoneService, PresenceLine,
    ServiceParameter, ServiceProfile, SetAside, SetAsideKind, SubscribedService, UcService, UccxResource, VendorConfig,
    VendorSetting, FORWARD_ALL,
};
pub use code::{Code, Family, Redirect, Severity, Status};
pub use diagnostic::{sort_diagnostics, Diagnostic, Label};
pub use dialplan::{
    CalledTransform, CallingSearchSpace, DialPattern, HuntList, Partition, PatternKind, RouteGroup, RouteList,
};
pub use fix::{Edit, Field, Fix, List, Safety, Value};
pub use index::{ClusterIndex, DnId, LineAppearance, LineGroupMember, PositionTable};
pub use key::{normalise_pattern, DnKey, DnRef, ObjectKey};
pub use source::{SourceFile, SourceId, SourceMap, Span, Spanned};
pub use uccx::{UccxCallControlGroup, UccxPortGroup, UccxTrigger};
pub use unread::NotReadClass;

/// Text read from an export: 16 bytes. Values of up to 15 bytes (device names, DN patterns,
/// partitions, user IDs, models and most settings) are stored inline, without an allocation of
/// their own; longer ones are reference-counted, so the CSV reader gives every row that repeats
/// a column's value (an access control group, a locale) the same allocation. This keeps a
/// megacluster's model compact and quick to build.
pub type Text = ecow::EcoString;
