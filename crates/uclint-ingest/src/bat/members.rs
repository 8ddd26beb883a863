//! The members of a CUCM 14.0 Import/Export tar, by name, each with its deliberate role in
//! uclint: read as one of the [`BatKind`]s, or not checked, and why.
//!
//! A member's name says what it holds; its header does not. Several members share a header
//! with another (`universallinetemplate.csv` has exactly the header of `directorynumber.csv`,
//! `universaldevicetemplate.csv` that of `phone.csv`, `intercomcss.csv` that of `css.csv`, …;
//! `../shared/domain/bat-export-14.0.md`), so a file whose name is one of these is taken for
//! what its name says, and header sniffing ([`super::detect`]) is only for files whose name
//! says nothing (the per-object BAT exports, renamed files).

use super::numbers::{self, NumberMember};
use super::BatKind;

/// What uclint does with a member of the Import/Export tar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MemberRole {
    /// Read as this kind.
    Read(BatKind),
    /// `header.txt`: the export's time, publisher, version and member list.
    Manifest,
    /// Not checked: what the member holds, and why no rule reads it.
    NotChecked {
        /// What the member holds, e.g. `regions`.
        holds: &'static str,
        /// Why it is not read: "no rule reads them", or what sets it apart from the live objects
        /// it looks like (templates, default profiles, CAPF profiles, …).
        why: &'static str,
        /// Whether it looks like live objects rules read without being them (made by
        /// `aside`), rather than holding objects no rule reads (made by `skip`).
        look_alike: bool,
    },
}

impl MemberRole {
    /// The status line of a member that is not checked, e.g. `regions: not checked (no rule
    /// reads them)`; `None` for a member that is read.
    pub fn not_checked_reason(self) -> Option<String> {
        match self {
            MemberRole::NotChecked { holds, why, .. } => Some(format!("{holds}: not checked ({why})")),
            MemberRole::Read(_) | MemberRole::Manifest => None,
        }
    }
}

/// The role of a file by its name (the member name in a tar, or a loose file's name), compared
/// without regard to case; `None` for a name that is not a 14.0 Import/Export member.
pub fn role(file_name: &str) -> Option<MemberRole> {
    let name = file_name.trim();
    MEMBERS.iter().find(|(member, _)| member.eq_ignore_ascii_case(name)).map(|&(_, role)| role)
}

/// The file name of a display path: after the last `!` (a tar member), `/` or `\`.
pub fn file_name(path: &str) -> &str {
    let member = path.rsplit_once('!').map_or(path, |(_, member)| member);
    member.rsplit(['/', '\\']).next().unwrap_or(member)
}

use BatKind as K;
use MemberRole::Read;

/// A member no rule reads.
const fn skip(holds: &'static str) -> MemberRole {
    MemberRole::NotChecked { holds, why: "no rule reads them", look_alike: false }
}

/// A member that looks like a live object's but is not one: what it holds, and why it is not.
const fn aside(holds: &'static str, why: &'static str) -> MemberRole {
    MemberRole::NotChecked { holds, why, look_alike: true }
}

const fn numbers(member: &'static NumberMember) -> MemberRole {
    Read(K::Numbers(member))
}

/// Every member of a real CUCM 14.0(1) Import/Export tar (all object types selected), in byte
/// order of their names (as the tar lists them), with `header.txt` and the SIP normalization scripts. A test keeps this list equal to
/// the member list of `fixtures/lab-like`, which carries the real layout.
pub const MEMBERS: &[(&str, MemberRole)] = &[
    ("HCS-PCV-PAI-passthrough.lua", skip(SCRIPT)),
    ("InfrastructureDevice.csv", skip("infrastructure devices (access points and switches)")),
    ("aargroup.csv", skip("AAR groups")),
    ("accesscntrlgrp.csv", Read(K::AccessControlGroup)),
    ("accesslist.csv", skip("access lists")),
    ("annunciator.csv", skip("annunciators")),
    ("applicationdialrule.csv", skip("application dial rules")),
    ("applicationserver.csv", skip("application servers")),
    ("appuser.csv", Read(K::AppUser)),
    (
        "appusercapfprofile.csv",
        aside("application user CAPF profiles", "certificate enrolment settings, not application users"),
    ),
    ("att-header-passthrough.lua", skip(SCRIPT)),
    ("audiocodecpreferencelists.csv", skip("audio codec preference lists")),
    ("blocklearnedpatterns.csv", skip("blocked learned patterns")),
    ("calledpartytracing.csv", skip("called party tracing numbers")),
    ("calledpartytranspattern.csv", skip("called party transformation patterns")),
    ("callingpartytranspattern.csv", skip("calling party transformation patterns")),
    ("callmanager.csv", skip("Unified CM nodes")),
    ("callmanagergroup.csv", skip("Unified CM groups")),
    ("callpark.csv", numbers(&numbers::CALL_PARK)),
    ("callpickupgroup.csv", numbers(&numbers::CALL_PICKUP_GROUP)),
    ("ccaprofile.csv", skip("call control agent profiles")),
    ("ccdadvertisingservice.csv", skip("call control discovery advertising services")),
    ("ccdfeatureconfig.csv", skip("call control discovery feature settings")),
    ("ccdpartition.csv", skip("call control discovery partitions")),
    ("ccdrequestingservice.csv", skip("call control discovery requesting services")),
    ("certificate.csv", skip("certificate cache entries")),
    ("cisco-meeting-server-interop.lua", skip(SCRIPT)),
    ("cisco-telepresence-conductor-interop.lua", skip(SCRIPT)),
    ("cisco-telepresence-mcu-ts-direct-interop.lua", skip(SCRIPT)),
    ("clientmattercodes.csv", skip("client matter codes")),
    ("commondeviceconfiguration.csv", Read(K::CommonDeviceConfig)),
    ("commonphoneprofile.csv", skip("common phone profiles")),
    ("conferencebridge.csv", skip("conference bridges")),
    ("conferencenow.csv", numbers(&numbers::CONFERENCE_NOW)),
    ("credpolicy.csv", Read(K::CredentialPolicy)),
    ("credpolicydef.csv", skip("default credential policy assignments")),
    ("css.csv", Read(K::Css)),
    ("ctiroutepoint.csv", Read(K::CtiRoutePoint)),
    ("cumaserversecurityprofile.csv", skip("CUMA server security profiles")),
    ("datetimegroup.csv", skip("date/time groups")),
    (
        "defaultdeviceprofile.csv",
        aside(
            "default device profiles",
            "the per-model profile a phone falls back to for Extension Mobility, not users' device profiles",
        ),
    ),
    ("devicedefaults.csv", skip("device defaults")),
    ("devicemobilitygroup.csv", skip("device mobility groups")),
    ("devicemobilityinfo.csv", skip("device mobility info")),
    ("devicepool.csv", skip("device pools")),
    ("deviceprofile.csv", Read(K::DeviceProfile)),
    ("dhcpserver.csv", skip("DHCP servers")),
    ("dhcpsubnet.csv", skip("DHCP subnets")),
    ("directedcallpark.csv", numbers(&numbers::DIRECTED_CALL_PARK)),
    ("directorylookupdialrules.csv", skip("directory lookup dial rules")),
    ("directorynumber.csv", Read(K::DirectoryNumber)),
    ("diversion-counter.lua", skip(SCRIPT)),
    (
        "dnalookupandsync.csv",
        aside("directory number alias lookup and sync servers", "not LDAP synchronisation agreements"),
    ),
    ("emccfeatureconfig.csv", skip("EMCC feature settings")),
    ("enduser.csv", Read(K::EndUser)),
    ("endusercapfprofile.csv", aside("end user CAPF profiles", "certificate enrolment settings, not end users")),
    ("enterprisefeatureaccessconfiguration.csv", numbers(&numbers::ENTERPRISE_FEATURE_ACCESS)),
    ("enterpriseparameter.csv", Read(K::EnterpriseParameter)),
    ("enterprisephoneconfigxml.csv", skip("the enterprise phone configuration")),
    ("expresswayc.csv", skip("Expressway-C servers")),
    ("externalcallcontrolprofile.csv", skip("external call control profiles")),
    ("fallbackfeatureconfig.csv", skip("fallback feature settings")),
    ("fallbackprofile.csv", skip("fallback profiles")),
    ("featurecontrolpolicy.csv", skip("feature control policies")),
    ("fgt.csv", skip("LDAP feature group templates")),
    ("forcedauthorizationcodes.csv", skip("forced authorization codes")),
    ("gatekeeper.csv", skip("gatekeepers")),
    ("gateway.csv", skip("gateways (a header-less member)")),
    ("geolocationconfiguration.csv", skip("geolocations")),
    ("geolocationfilter.csv", skip("geolocation filters")),
    ("handoffconfiguration.csv", numbers(&numbers::HANDOFF)),
    ("header.txt", MemberRole::Manifest),
    ("hosteddngroup.csv", skip("hosted DN groups")),
    ("hosteddnpatterns.csv", skip("hosted DN patterns")),
    ("huntlist.csv", Read(K::HuntList)),
    ("huntpilot.csv", numbers(&numbers::HUNT_PILOT)),
    ("interclusterserviceprofile.csv", Read(K::InterclusterServiceProfile)),
    ("intercomcss.csv", skip("intercom calling search spaces (the header of css.csv)")),
    ("intercomdn.csv", Read(K::IntercomNumber)),
    ("intercompanymediaengineserverconnections.csv", skip(IME)),
    ("intercompanymediaservice.csv", skip(IME)),
    ("intercompanymediaservicese164transformation.csv", skip(IME)),
    ("intercompanymediaservicesenrolledgroup.csv", skip(IME)),
    ("intercompanymediaservicesenrolledpattern.csv", skip(IME)),
    ("intercompanymediaservicesexclusiongroup.csv", skip(IME)),
    ("intercompanymediaservicesexclusionnumber.csv", skip(IME)),
    ("intercompanymediaservicesfeatureconfig.csv", skip(IME)),
    ("intercompanymediaservicesfirewall.csv", skip(IME)),
    ("intercompanymediaserviceslearnedroute.csv", skip(IME)),
    ("intercompanymediaservicestrustelement.csv", skip(IME)),
    ("intercompanymediaservicestrustgroup.csv", skip(IME)),
    ("intercomroutepartition.csv", skip("intercom partitions")),
    ("intercomtranslationpattern.csv", skip("intercom translation patterns")),
    ("ipmaconfig.csv", skip("IPMA settings (a header-less member)")),
    ("ivr.csv", skip("IVR devices")),
    ("lbmgroup.csv", skip("location bandwidth manager groups")),
    ("ldapauth.csv", Read(K::LdapAuthentication)),
    ("ldapcustomfilter.csv", skip("LDAP custom filters")),
    ("ldapdir.csv", Read(K::LdapDirectory)),
    ("ldapsearch.csv", skip("LDAP search settings")),
    ("ldapsystem.csv", Read(K::LdapSystem)),
    ("linegroup.csv", Read(K::LineGroup)),
    ("localroutegroup.csv", skip("local route groups")),
    ("location.csv", skip("locations")),
    ("locationedge.csv", skip("location links")),
    ("logicalpartitionpolicyconfiguration.csv", skip("logical partition policies")),
    ("mediaresourcegroup.csv", skip("media resource groups")),
    ("mediaresourcegrouplist.csv", skip("media resource group lists")),
    ("mediaterminationpoint.csv", skip("media termination points")),
    ("meetmenumber.csv", numbers(&numbers::MEET_ME)),
    ("messagewaitingnumbers.csv", numbers(&numbers::MESSAGE_WAITING)),
    ("mlppdomain.csv", skip("MLPP domains")),
    ("mobilevoiceaccess.csv", numbers(&numbers::MOBILE_VOICE_ACCESS)),
    ("mobilityprofile.csv", skip("mobility profiles")),
    ("musiconholdserver.csv", skip("music on hold servers")),
    ("networkaccessprofile.csv", skip("network access profiles")),
    ("partition.csv", Read(K::Partition)),
    ("phone.csv", Read(K::Phone)),
    ("phonebuttontemplate.csv", skip("phone button templates")),
    ("phonentpreference.csv", skip("phone NTP references")),
    ("phoneservices.csv", Read(K::PhoneService)),
    ("physicallocation.csv", skip("physical locations")),
    ("presencegrp.csv", skip("presence groups")),
    ("rdp.csv", Read(K::RemoteDestinationProfile)),
    ("recprofile.csv", skip("recording profiles")),
    ("refer-passthrough.lua", skip(SCRIPT)),
    ("region.csv", skip("regions")),
    ("remotecluster.csv", Read(K::RemoteCluster)),
    ("remotedestination.csv", skip("remote destinations")),
    ("role.csv", skip("roles (access control groups carry them: accesscntrlgrp.csv)")),
    ("routefilter.csv", skip("route filters")),
    ("routegroup.csv", Read(K::RouteGroup)),
    ("routelist.csv", Read(K::RouteList)),
    ("routepattern.csv", numbers(&numbers::ROUTE_PATTERN)),
    ("rsrcprioritynamespace.csv", skip("resource priority namespaces")),
    ("rsrcprioritynamespacelist.csv", skip("resource priority namespace lists")),
    ("safforwarder.csv", skip("SAF forwarders")),
    ("safsecurityprofile.csv", skip("SAF security profiles")),
    ("sdptransparencyprofile.csv", skip("SDP transparency profiles")),
    ("sdpvaluefromlist.csv", skip("SDP transparency profile values")),
    ("securityprofile.csv", skip("security profiles")),
    ("selfprovisioning.csv", skip("self-provisioning settings")),
    ("selfprovisioningselectedlanguage.csv", skip("self-provisioning languages")),
    ("server.csv", skip("servers")),
    ("serviceparameter.csv", Read(K::ServiceParameter)),
    ("serviceprofile.csv", Read(K::ServiceProfile)),
    ("sipdialrules.csv", skip("SIP dial rules")),
    ("sipnormalizationscript.csv", skip("SIP normalization scripts")),
    ("sipprofile.csv", skip("SIP profiles")),
    ("siprealm.csv", aside("SIP realms", "trunk digest credentials, not end users")),
    ("siproutepattern.csv", skip("SIP route patterns")),
    ("softkeytemplate.csv", skip("softkey templates")),
    ("srst.csv", skip("SRST references")),
    ("timeperiod.csv", skip("time periods")),
    ("timeschedule.csv", skip("time schedules")),
    ("transcoder.csv", skip("transcoders")),
    ("transformationprofile.csv", skip("transformation profiles")),
    ("translationpattern.csv", numbers(&numbers::TRANSLATION_PATTERN)),
    ("trunk.csv", Read(K::Trunk)),
    ("ucservice.csv", Read(K::UcService)),
    (
        "universaldevicetemplate.csv",
        aside(
            "Universal Device Templates",
            "templates with placeholder owners and the header of phone.csv, not phones",
        ),
    ),
    (
        "universallinetemplate.csv",
        aside("Universal Line Templates", "templates with the header of directorynumber.csv, not directory numbers"),
    ),
    ("userprofile.csv", skip("user profiles")),
    ("vcs-interop.lua", skip(SCRIPT)),
    ("videoonholdserver.csv", skip("video on hold servers")),
    ("voicemailpilot.csv", skip("voicemail pilots")),
    ("voicemailport.csv", skip("voicemail ports")),
    ("voicemailprofile.csv", skip("voicemail profiles")),
    ("vpnfeatureconfig.csv", skip("VPN feature settings")),
    ("vpngateway.csv", skip("VPN gateways")),
    ("vpngroup.csv", skip("VPN groups")),
    ("vpnprofile.csv", skip("VPN profiles")),
    ("wifihotspotprofile.csv", skip("Wi-Fi hotspot profiles")),
    ("wirelesslanprofile.csv", skip("wireless LAN profiles")),
    ("wirelesslanprofilegroup.csv", skip("wireless LAN profile groups")),
];

const SCRIPT: &str = "a SIP normalization script (Lua source)";
const IME: &str = "Intercompany Media Engine settings";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_are_in_name_order_once_each() {
        for pair in MEMBERS.windows(2) {
            assert!(pair[0].0 < pair[1].0, "{} before {}", pair[0].0, pair[1].0);
        }
    }

    #[test]
    fn names_are_matched_without_case_from_any_path() {
        assert_eq!(file_name("exports/ucmdata_export_1.tar!phone.csv"), "phone.csv");
        assert_eq!(file_name("a/b\\ctiroutepoint.csv"), "ctiroutepoint.csv");
        assert_eq!(role("PHONE.CSV"), Some(Read(K::Phone)));
        assert_eq!(role("infrastructuredevice.csv"), role("InfrastructureDevice.csv"));
        assert_eq!(role("export-phones.csv"), None);
    }

    #[test]
    fn templates_and_look_alikes_are_never_read_as_live_objects() {
        for member in [
            "universallinetemplate.csv",
            "universaldevicetemplate.csv",
            "defaultdeviceprofile.csv",
            "siprealm.csv",
            "endusercapfprofile.csv",
            "appusercapfprofile.csv",
            "dnalookupandsync.csv",
            "intercomcss.csv",
        ] {
            assert!(matches!(role(member), Some(MemberRole::NotChecked { .. })), "{member}");
        }
        assert_eq!(role("mobilevoiceaccess.csv"), Some(numbers(&numbers::MOBILE_VOICE_ACCESS)));
    }

    #[test]
    fn dial_plan_members_are_read_and_intercom_css_is_not() {
        for (member, kind) in [
            ("partition.csv", K::Partition),
            ("css.csv", K::Css),
            ("huntlist.csv", K::HuntList),
            ("routelist.csv", K::RouteList),
            ("routegroup.csv", K::RouteGroup),
            ("trunk.csv", K::Trunk),
            ("routepattern.csv", K::Numbers(&numbers::ROUTE_PATTERN)),
            ("translationpattern.csv", K::Numbers(&numbers::TRANSLATION_PATTERN)),
            ("huntpilot.csv", K::Numbers(&numbers::HUNT_PILOT)),
        ] {
            assert_eq!(role(member), Some(Read(kind)), "{member}");
        }
        for member in ["intercomcss.csv", "intercomroutepartition.csv", "intercomtranslationpattern.csv"] {
            assert!(matches!(role(member), Some(MemberRole::NotChecked { .. })), "{member}");
        }
    }
}
