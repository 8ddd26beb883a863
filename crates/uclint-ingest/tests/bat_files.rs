//! The BAT tar members read since issue #4's second pass: `phoneservices.csv`,
//! `ldapsystem.csv`, `ldapdir.csv` and `directorynumber.csv`, with spans, inferred spellings
//! and duplicate header names.

use std::path::Path;

use uclint_ingest::Ingested;
use uclint_model::{DataSet, DnKey, Span};

fn slice(ingested: &Ingested, span: Span) -> &str {
    ingested.sources.get(span.source).slice(span)
}

#[test]
fn the_four_files_are_read_with_spans() {
    let ingested = uclint_ingest::ingest(&[Path::new("../../fixtures/bat-files").to_path_buf()]);
    let codes: Vec<_> = ingested.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["INPUT005", "INPUT005", "INPUT005"], "{:#?}", ingested.diagnostics);
    let cluster = &ingested.cluster;
    for data in [DataSet::PhoneServices, DataSet::LdapSystem, DataSet::LdapDirectories, DataSet::DirectoryNumbers] {
        assert!(cluster.has(data), "{data:?}");
    }

    let service = &cluster.phone_services[0];
    assert_eq!(service.name.value, "Extension Mobility");
    let secure = service.secure_url.as_ref().expect("SECURE SERVICE URL is an accepted variant");
    assert!(slice(&ingested, secure.span).starts_with("https://cucm1.example.com:8443/"));
    assert_eq!(service.enabled.as_ref().map(|e| e.value), Some(true), "ENABLED is an accepted variant");

    let system = &cluster.ldap_system[0];
    assert_eq!(system.sync_enabled.as_ref().map(|s| s.value), Some(true));
    assert_eq!(slice(&ingested, system.user_id_attribute.as_ref().unwrap().span), "sAMAccountName");

    let directory = &cluster.ldap_directories[0];
    assert_eq!(directory.name.value, "AD_Sync", "the first NAME column wins");
    assert_eq!(directory.user_search_base.as_ref().unwrap().value, "OU=Users,DC=example,DC=com");
    let ports: Vec<_> = directory.servers.iter().map(|s| s.port.as_ref().unwrap().value).collect();
    assert_eq!(ports, [636, 389]);
    let text = &ingested.sources.get(directory.span.source).text;
    assert!(!text.contains("f718933d"), "the LDAP password is masked");

    let agent = &cluster.directory_numbers[0];
    assert_eq!(agent.dn.value, DnKey::new("4001", "PT_Internal"));
    assert_eq!(slice(&ingested, agent.call_pickup_group.as_ref().unwrap().span), "CPG_Floor1");
    let spare = &cluster.directory_numbers[1];
    assert_eq!(spare.dn.value, DnKey::new("4099", ""), "NULL is the none partition");
    let forwards: Vec<_> = spare.forwards.iter().map(|f| (f.kind, f.destination.value.as_str())).collect();
    assert_eq!(forwards, [("Forward All", "4001"), ("Forward Busy Internal", "8000")]);
}

#[test]
fn a_hold_reversion_column_says_the_line_data_is_there_even_when_empty() {
    let read = |text: &str| {
        let input = uclint_ingest::RawInput { path: "phone.csv".into(), bytes: text.as_bytes().to_vec(), error: None };
        uclint_ingest::parse(vec![input])
    };
    let with = read(
        "Device Name,Device Type,Directory Number 1,Route Partition 1,Hold Reversion Ring Duration 1\n\
         SEP0011AABB0001,Cisco 8841,4001,PT_Internal,\n\
         SEP0011AABB0002,Cisco 8841,4002,PT_Internal,30\n",
    );
    assert!(with.cluster.has(DataSet::LineHoldReversion));
    assert!(with.cluster.phones[0].lines[0].hold_reversion_ring_duration.is_none());
    let duration = with.cluster.phones[1].lines[0].hold_reversion_ring_duration.as_ref().unwrap();
    assert_eq!((duration.value, slice(&with, duration.span)), (30, "30"));

    let without = read(
        "Device Name,Device Type,Directory Number 1,Route Partition 1\nSEP0011AABB0001,Cisco 8841,4001,PT_Internal\n",
    );
    assert!(!without.cluster.has(DataSet::LineHoldReversion));
}

#[test]
fn phone_csv_line_forwards_become_one_directory_number_record_per_dn() {
    let read = |text: &str| {
        let input = uclint_ingest::RawInput { path: "phone.csv".into(), bytes: text.as_bytes().to_vec(), error: None };
        uclint_ingest::parse(vec![input])
    };
    // The per-line spellings of a real "All Details" phone.csv.
    let with = read(
        "Device Name,Device Type,Directory Number 1,Route Partition 1,Forward All Voice Mail 1,\
         Forward All Destination 1,Forward Busy Internal Destination 1,Forward Unregistered External Destination 1\n\
         SEP0011AABB0001,Cisco 8841,2001,PT_Internal,f,,4001,\n\
         SEP0011AABB0002,Cisco 8841,2001,PT_Internal,f,,4001,\n\
         SEP0011AABB0003,Cisco 8841,2003,PT_Internal,f,,,\n\
         SEP0011AABB0004,Cisco 8841,2004,PT_Internal,f,+14085550100,,8000\n",
    );
    assert!(with.diagnostics.is_empty(), "{:#?}", with.diagnostics);
    assert!(with.cluster.has(DataSet::LineForwards));
    assert!(!with.cluster.has(DataSet::DirectoryNumbers), "phone.csv is not directorynumber.csv");
    let numbers: Vec<_> = with
        .cluster
        .directory_numbers
        .iter()
        .map(|n| {
            let forwards: Vec<_> = n.forwards.iter().map(|f| (f.kind, slice(&with, f.destination.span))).collect();
            (n.dn.value.to_string(), forwards)
        })
        .collect();
    assert_eq!(
        numbers,
        [
            ("2001@PT_Internal".to_owned(), vec![("Forward Busy Internal", "4001")]),
            (
                "2004@PT_Internal".to_owned(),
                vec![("Forward All", "+14085550100"), ("Forward Unregistered External", "8000")]
            ),
        ],
        "one record per DN with a forward set, shared lines merged"
    );

    let without = read(
        "Device Name,Device Type,Directory Number 1,Route Partition 1\nSEP0011AABB0001,Cisco 8841,4001,PT_Internal\n",
    );
    assert!(!without.cluster.has(DataSet::LineForwards));
    assert!(without.cluster.directory_numbers.is_empty());
}

#[test]
fn enduser_csv_says_whether_a_uc_service_profile_and_a_self_service_id_are_set() {
    let read = |text: &str| {
        let input =
            uclint_ingest::RawInput { path: "enduser.csv".into(), bytes: text.as_bytes().to_vec(), error: None };
        uclint_ingest::parse(vec![input])
    };
    let with = read(
        "FIRST NAME,LAST NAME,USER ID,ENABLE USER FOR UNIFIED CM IM AND PRESENCE,HOME CLUSTER,UC SERVICE PROFILE,\
         SELF-SERVICE USER ID\n\
         Jane,Doe,jdoe,t,t,SP_Jabber,NULL\n\
         Al,Smith,asmith,t,t,NULL,14085554002\n",
    );
    let ids: Vec<_> = with
        .cluster
        .end_users
        .iter()
        .map(|u| u.self_service_id.as_ref().map(|p| (p.value, slice(&with, p.span))))
        .collect();
    assert_eq!(ids, [Some((false, "NULL")), Some((true, "14085554002"))]);
    let profiles: Vec<_> = with
        .cluster
        .end_users
        .iter()
        .map(|u| u.uc_service_profile.as_ref().map(|p| (p.value, slice(&with, p.span))))
        .collect();
    assert_eq!(profiles, [Some((true, "SP_Jabber")), Some((false, "NULL"))], "NULL is unset, at its cell");

    let without = read("FIRST NAME,LAST NAME,USER ID\nJane,Doe,jdoe\n");
    assert!(without.cluster.end_users[0].uc_service_profile.is_none(), "no column: unknown");
    assert!(without.cluster.end_users[0].self_service_id.is_none(), "no column: unknown");
}

#[test]
fn accesscntrlgrp_csv_gives_each_group_its_roles() {
    let text = "DIR GROUP NAME,IS STANDARD DIR GROUP,FUNCTION ROLE NAME 1,FUNCTION ROLE NAME 2,APPLICATION USER 1,\
                IS STANDARD APPLICATION USER 1,END USER 1\n\
                Standard CTI Enabled,t,Standard CTI Enabled,,uccxrmcmuser,f,\n\
                Jabber Desk Control,f,Standard CTI Enabled,Standard CCM End Users,,,pat\n";
    let input =
        uclint_ingest::RawInput { path: "accesscntrlgrp.csv".into(), bytes: text.as_bytes().to_vec(), error: None };
    let ingested = uclint_ingest::parse(vec![input]);
    assert!(ingested.diagnostics.is_empty(), "{:#?}", ingested.diagnostics);
    assert_eq!(ingested.files[0].status, uclint_ingest::FileStatus::Read("BAT accesscntrlgrp.csv".into()));
    assert!(ingested.cluster.has(DataSet::AccessControlGroups));
    let groups: Vec<(&str, Vec<&str>)> = ingested
        .cluster
        .access_control_groups
        .iter()
        .map(|g| (g.name.value.as_str(), g.roles.iter().map(|r| slice(&ingested, r.span)).collect()))
        .collect();
    assert_eq!(
        groups,
        [
            ("Standard CTI Enabled", vec!["Standard CTI Enabled"]),
            ("Jabber Desk Control", vec!["Standard CTI Enabled", "Standard CCM End Users"]),
        ]
    );
}
