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
    /// Not checked: what the member holds, and why no rule reads it when the reason is more
    /// than "no rule needs it" (templates, default profiles, CAPF profiles, …).
    NotChecked(&'static str),
}

impl MemberRole {
    /// The status line for a member that is not checked, e.g. `route groups: not checked (no
    /// rule reads them)`.
    pub fn not_checked_reason(holds: &str) -> String {
        if holds.contains(':') {
            // A reason of its own follows the colon.
            holds.to_owned()
        } else {
            format!("{holds}: not checked (no rule reads them)")
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
use MemberRole::{NotChecked as Skip, Read};

const fn numbers(member: &'static NumberMember) -> MemberRole {
    Read(K::Numbers(member))
}

/// Every member of a real CUCM 14.0(1) Import/Export tar (all object types selected), in byte
/// order of their names (as the tar lists them), with `header.txt` and the SIP normalization scripts. A test keeps this list equal to
/// the member list of `fixtures/lab-like`, which carries the real layout.
pub const MEMBERS: &[(&str, MemberRole)] = &[
    ("HCS-PCV-PAI-passthrough.lua", Skip(SCRIPT)),
    ("InfrastructureDevice.csv", Skip("infrastructure devices (access points and switches)")),
    ("aargroup.csv", Skip("AAR groups")),
    ("accesscntrlgrp.csv", Read(K::AccessControlGroup)),
    ("accesslist.csv", Skip("access lists")),
    ("annunciator.csv", Skip("annunciators")),
    ("applicationdialrule.csv", Skip("application dial rules")),
    ("applicationserver.csv", Skip("application servers")),
    ("appuser.csv", Read(K::AppUser)),
    (
        "appusercapfprofile.csv",
        Skip("application user CAPF profiles: certificate enrolment settings, not application users; not checked"),
    ),
    ("att-header-passthrough.lua", Skip(SCRIPT)),
    ("audiocodecpreferencelists.csv", Skip("audio codec preference lists")),
    ("blocklearnedpatterns.csv", Skip("blocked learned patterns")),
    ("calledpartytracing.csv", Skip("called party tracing numbers")),
    ("calledpartytranspattern.csv", Skip("called party transformation patterns")),
    ("callingpartytranspattern.csv", Skip("calling party transformation patterns")),
    ("callmanager.csv", Skip("Unified CM nodes")),
    ("callmanagergroup.csv", Skip("Unified CM groups")),
    ("callpark.csv", numbers(&numbers::CALL_PARK)),
    ("callpickupgroup.csv", numbers(&numbers::CALL_PICKUP_GROUP)),
    ("ccaprofile.csv", Skip("call control agent profiles")),
    ("ccdadvertisingservice.csv", Skip("call control discovery advertising services")),
    ("ccdfeatureconfig.csv", Skip("call control discovery feature settings")),
    ("ccdpartition.csv", Skip("call control discovery partitions")),
    ("ccdrequestingservice.csv", Skip("call control discovery requesting services")),
    ("certificate.csv", Skip("certificate cache entries")),
    ("cisco-meeting-server-interop.lua", Skip(SCRIPT)),
    ("cisco-telepresence-conductor-interop.lua", Skip(SCRIPT)),
    ("cisco-telepresence-mcu-ts-direct-interop.lua", Skip(SCRIPT)),
    ("clientmattercodes.csv", Skip("client matter codes")),
    ("commondeviceconfiguration.csv", Read(K::CommonDeviceConfig)),
    ("commonphoneprofile.csv", Skip("common phone profiles")),
    ("conferencebridge.csv", Skip("conference bridges")),
    ("conferencenow.csv", numbers(&numbers::CONFERENCE_NOW)),
    ("credpolicy.csv", Read(K::CredentialPolicy)),
    ("credpolicydef.csv", Skip("default credential policy assignments")),
    ("css.csv", Skip("calling search spaces")),
    ("ctiroutepoint.csv", Read(K::CtiRoutePoint)),
    ("cumaserversecurityprofile.csv", Skip("CUMA server security profiles")),
    ("datetimegroup.csv", Skip("date/time groups")),
    (
        "defaultdeviceprofile.csv",
        Skip(
            "default device profiles: the per-model profile a phone falls back to for Extension Mobility, \
             not users' device profiles; not checked",
        ),
    ),
    ("devicedefaults.csv", Skip("device defaults")),
    ("devicemobilitygroup.csv", Skip("device mobility groups")),
    ("devicemobilityinfo.csv", Skip("device mobility info")),
    ("devicepool.csv", Skip("device pools")),
    ("deviceprofile.csv", Read(K::DeviceProfile)),
    ("dhcpserver.csv", Skip("DHCP servers")),
    ("dhcpsubnet.csv", Skip("DHCP subnets")),
    ("directedcallpark.csv", numbers(&numbers::DIRECTED_CALL_PARK)),
    ("directorylookupdialrules.csv", Skip("directory lookup dial rules")),
    ("directorynumber.csv", Read(K::DirectoryNumber)),
    ("diversion-counter.lua", Skip(SCRIPT)),
    (
        "dnalookupandsync.csv",
        Skip("directory number alias lookup and sync servers, not LDAP synchronisation agreements; not checked"),
    ),
    ("emccfeatureconfig.csv", Skip("EMCC feature settings")),
    ("enduser.csv", Read(K::EndUser)),
    (
        "endusercapfprofile.csv",
        Skip("end user CAPF profiles: certificate enrolment settings, not end users; not checked"),
    ),
    ("enterprisefeatureaccessconfiguration.csv", numbers(&numbers::ENTERPRISE_FEATURE_ACCESS)),
    ("enterpriseparameter.csv", Read(K::EnterpriseParameter)),
    ("enterprisephoneconfigxml.csv", Skip("the enterprise phone configuration")),
    ("expresswayc.csv", Skip("Expressway-C servers")),
    ("externalcallcontrolprofile.csv", Skip("external call control profiles")),
    ("fallbackfeatureconfig.csv", Skip("fallback feature settings")),
    ("fallbackprofile.csv", Skip("fallback profiles")),
    ("featurecontrolpolicy.csv", Skip("feature control policies")),
    ("fgt.csv", Skip("LDAP feature group templates")),
    ("forcedauthorizationcodes.csv", Skip("forced authorization codes")),
    ("gatekeeper.csv", Skip("gatekeepers")),
    ("gateway.csv", Skip("gateways (a header-less member)")),
    ("geolocationconfiguration.csv", Skip("geolocations")),
    ("geolocationfilter.csv", Skip("geolocation filters")),
    ("handoffconfiguration.csv", numbers(&numbers::HANDOFF)),
    ("header.txt", MemberRole::Manifest),
    ("hosteddngroup.csv", Skip("hosted DN groups")),
    ("hosteddnpatterns.csv", Skip("hosted DN patterns")),
    ("huntlist.csv", Skip("hunt lists")),
    ("huntpilot.csv", numbers(&numbers::HUNT_PILOT)),
    ("interclusterserviceprofile.csv", Read(K::InterclusterServiceProfile)),
    ("intercomcss.csv", Skip("intercom calling search spaces (the header of css.csv)")),
    ("intercomdn.csv", Read(K::IntercomNumber)),
    ("intercompanymediaengineserverconnections.csv", Skip(IME)),
    ("intercompanymediaservice.csv", Skip(IME)),
    ("intercompanymediaservicese164transformation.csv", Skip(IME)),
    ("intercompanymediaservicesenrolledgroup.csv", Skip(IME)),
    ("intercompanymediaservicesenrolledpattern.csv", Skip(IME)),
    ("intercompanymediaservicesexclusiongroup.csv", Skip(IME)),
    ("intercompanymediaservicesexclusionnumber.csv", Skip(IME)),
    ("intercompanymediaservicesfeatureconfig.csv", Skip(IME)),
    ("intercompanymediaservicesfirewall.csv", Skip(IME)),
    ("intercompanymediaserviceslearnedroute.csv", Skip(IME)),
    ("intercompanymediaservicestrustelement.csv", Skip(IME)),
    ("intercompanymediaservicestrustgroup.csv", Skip(IME)),
    ("intercomroutepartition.csv", Skip("intercom partitions")),
    ("intercomtranslationpattern.csv", Skip("intercom translation patterns")),
    ("ipmaconfig.csv", Skip("IPMA settings (a header-less member)")),
    ("ivr.csv", Skip("IVR devices")),
    ("lbmgroup.csv", Skip("location bandwidth manager groups")),
    ("ldapauth.csv", Read(K::LdapAuthentication)),
    ("ldapcustomfilter.csv", Skip("LDAP custom filters")),
    ("ldapdir.csv", Read(K::LdapDirectory)),
    ("ldapsearch.csv", Skip("LDAP search settings")),
    ("ldapsystem.csv", Read(K::LdapSystem)),
    ("linegroup.csv", Read(K::LineGroup)),
    ("localroutegroup.csv", Skip("local route groups")),
    ("location.csv", Skip("locations")),
    ("locationedge.csv", Skip("location links")),
    ("logicalpartitionpolicyconfiguration.csv", Skip("logical partition policies")),
    ("mediaresourcegroup.csv", Skip("media resource groups")),
    ("mediaresourcegrouplist.csv", Skip("media resource group lists")),
    ("mediaterminationpoint.csv", Skip("media termination points")),
    ("meetmenumber.csv", numbers(&numbers::MEET_ME)),
    ("messagewaitingnumbers.csv", numbers(&numbers::MESSAGE_WAITING)),
    ("mlppdomain.csv", Skip("MLPP domains")),
    ("mobilevoiceaccess.csv", numbers(&numbers::MOBILE_VOICE_ACCESS)),
    ("mobilityprofile.csv", Skip("mobility profiles")),
    ("musiconholdserver.csv", Skip("music on hold servers")),
    ("networkaccessprofile.csv", Skip("network access profiles")),
    ("partition.csv", Skip("partitions")),
    ("phone.csv", Read(K::Phone)),
    ("phonebuttontemplate.csv", Skip("phone button templates")),
    ("phonentpreference.csv", Skip("phone NTP references")),
    ("phoneservices.csv", Read(K::PhoneService)),
    ("physicallocation.csv", Skip("physical locations")),
    ("presencegrp.csv", Skip("presence groups")),
    ("rdp.csv", Read(K::RemoteDestinationProfile)),
    ("recprofile.csv", Skip("recording profiles")),
    ("refer-passthrough.lua", Skip(SCRIPT)),
    ("region.csv", Skip("regions")),
    ("remotecluster.csv", Read(K::RemoteCluster)),
    ("remotedestination.csv", Skip("remote destinations")),
    ("role.csv", Skip("roles (access control groups carry them: accesscntrlgrp.csv)")),
    ("routefilter.csv", Skip("route filters")),
    ("routegroup.csv", Skip("route groups")),
    ("routelist.csv", Skip("route lists")),
    ("routepattern.csv", numbers(&numbers::ROUTE_PATTERN)),
    ("rsrcprioritynamespace.csv", Skip("resource priority namespaces")),
    ("rsrcprioritynamespacelist.csv", Skip("resource priority namespace lists")),
    ("safforwarder.csv", Skip("SAF forwarders")),
    ("safsecurityprofile.csv", Skip("SAF security profiles")),
    ("sdptransparencyprofile.csv", Skip("SDP transparency profiles")),
    ("sdpvaluefromlist.csv", Skip("SDP transparency profile values")),
    ("securityprofile.csv", Skip("security profiles")),
    ("selfprovisioning.csv", Skip("self-provisioning settings")),
    ("selfprovisioningselectedlanguage.csv", Skip("self-provisioning languages")),
    ("server.csv", Skip("servers")),
    ("serviceparameter.csv", Read(K::ServiceParameter)),
    ("serviceprofile.csv", Read(K::ServiceProfile)),
    ("sipdialrules.csv", Skip("SIP dial rules")),
    ("sipnormalizationscript.csv", Skip("SIP normalization scripts")),
    ("sipprofile.csv", Skip("SIP profiles")),
    ("siprealm.csv", Skip("SIP realms: trunk digest credentials, not end users; not checked")),
    ("siproutepattern.csv", Skip("SIP route patterns")),
    ("softkeytemplate.csv", Skip("softkey templates")),
    ("srst.csv", Skip("SRST references")),
    ("timeperiod.csv", Skip("time periods")),
    ("timeschedule.csv", Skip("time schedules")),
    ("transcoder.csv", Skip("transcoders")),
    ("transformationprofile.csv", Skip("transformation profiles")),
    ("translationpattern.csv", numbers(&numbers::TRANSLATION_PATTERN)),
    ("trunk.csv", Skip("trunks")),
    ("ucservice.csv", Read(K::UcService)),
    (
        "universaldevicetemplate.csv",
        Skip(
            "Universal Device Templates: templates with placeholder owners (the header of phone.csv), \
             not phones; not checked",
        ),
    ),
    (
        "universallinetemplate.csv",
        Skip("Universal Line Templates: templates (the header of directorynumber.csv), not directory numbers; not checked"),
    ),
    ("userprofile.csv", Skip("user profiles")),
    ("vcs-interop.lua", Skip(SCRIPT)),
    ("videoonholdserver.csv", Skip("video on hold servers")),
    ("voicemailpilot.csv", Skip("voicemail pilots")),
    ("voicemailport.csv", Skip("voicemail ports")),
    ("voicemailprofile.csv", Skip("voicemail profiles")),
    ("vpnfeatureconfig.csv", Skip("VPN feature settings")),
    ("vpngateway.csv", Skip("VPN gateways")),
    ("vpngroup.csv", Skip("VPN groups")),
    ("vpnprofile.csv", Skip("VPN profiles")),
    ("wifihotspotprofile.csv", Skip("Wi-Fi hotspot profiles")),
    ("wirelesslanprofile.csv", Skip("wireless LAN profiles")),
    ("wirelesslanprofilegroup.csv", Skip("wireless LAN profile groups")),
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
            assert!(matches!(role(member), Some(Skip(_))), "{member}");
        }
        assert_eq!(role("mobilevoiceaccess.csv"), Some(numbers(&numbers::MOBILE_VOICE_ACCESS)));
    }
}
