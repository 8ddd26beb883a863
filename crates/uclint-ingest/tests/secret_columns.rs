//! Which columns of a real CUCM 14.0 export are secret: every header of every CSV member
//! (`tests/data/bat-14.0-headers.txt`), judged by `redact::secret_columns`, against the list
//! decided by hand and given in `docs/security.md`.

use uclint_ingest::secrets::secret_columns;

/// Every secret column of a real 14.0 export, as (member, normalised column name).
const SECRET: &[(&str, &str)] = &[
    ("appuser.csv", "application user password reverse"),
    ("appuser.csv", "password 1"),
    ("appusercapfprofile.csv", "authentication string"),
    ("commonphoneprofile.csv", "local phone unlock password"),
    ("commonphoneprofile.csv", "secure shell password"),
    ("conferencebridge.csv", "password"),
    ("credpolicydef.csv", "credentials"),
    ("dnalookupandsync.csv", "ldap password"),
    ("enduser.csv", "digest credentials"),
    ("enduser.csv", "attendees access code"),
    ("enduser.csv", "password 1"),
    ("enduser.csv", "pin 1"),
    ("enduser.csv", "mlpp password 1"),
    ("endusercapfprofile.csv", "authentication string"),
    ("forcedauthorizationcodes.csv", "code"),
    ("ldapauth.csv", "ldap password"),
    ("ldapdir.csv", "ldap password"),
    ("ldapsearch.csv", "password"),
    ("networkaccessprofile.csv", "password"),
    ("phone.csv", "authentication string"),
    ("phone.csv", "secure shell password"),
    ("safsecurityprofile.csv", "user password"),
    ("siprealm.csv", "password reverse"),
    ("universaldevicetemplate.csv", "authentication string"),
    ("universaldevicetemplate.csv", "secure shell password"),
    ("wifihotspotprofile.csv", "password"),
    ("wirelesslanprofile.csv", "password"),
];

fn normalise(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

#[test]
fn the_secret_columns_of_a_real_export_are_exactly_those_decided() {
    let headers = include_str!("data/bat-14.0-headers.txt");
    let mut found = Vec::new();
    let mut members = 0;
    for line in headers.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
        let (member, header) = line.split_once('\t').expect("member<TAB>header");
        members += 1;
        let names: Vec<String> = header.split(',').map(normalise).collect();
        for col in secret_columns(&names) {
            found.push((member.to_owned(), names[col].clone()));
        }
    }
    assert_eq!(members, 166, "every CSV member of the export");
    let expected: Vec<(String, String)> = SECRET.iter().map(|&(m, c)| (m.to_owned(), c.to_owned())).collect();
    assert_eq!(found, expected);
}
