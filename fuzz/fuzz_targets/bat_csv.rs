//! BAT CSV bodies behind a real header, so the fuzzer spends its time in rows, quoting,
//! numbered groups and values rather than in format detection.
#![no_main]

mod common;

const HEADERS: &[&str] = &[
    "Device Name,Device Type,Common Device Configuration,Allow CTI Control Flag,Application User 1,Directory Number 1,Route Partition 1,Maximum Number of Calls 1,Busy Trigger 1,Directory Number 5,Route Partition 5\n",
    "Device Profile Name,Device Type,Login User Id,Directory Number 1,Route Partition 1,Maximum Number of Calls 1,Busy Trigger 1\n",
    "USER ID,DIGEST CREDENTIALS,PIN 1,ALLOW CONTROL OF DEVICE FROM CTI,DEVICE NAME 1,TYPE USER ASSOCIATION 1,PRIMARY EXTENSION 1,TYPE PATTERN USAGE 1,PRIMARY EXTENSION 2,TYPE PATTERN USAGE 2\n",
    "APPLICATION USER NAME,PASSWORD 1,DIR GROUP NAME 1,DEVICE NAME 1,TYPE USER ASSOCIATION 1\n",
    "NAME,TYPE DISTRIBUTION ALGORITHM,LINE SELECTION ORDER 1,DN OR PATTERN 1,ROUTE PARTITION 1\n",
    "LDAP DN,LDAP PASSWORD,USER BASE,AUTHENTICATE WITH CORPORATE DIR,HOST NAME 1,SSL ENABLED 1,PORT NUMBER 1\n",
];

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some((&which, body)) = data.split_first() else { return };
    let mut file = HEADERS[which as usize % HEADERS.len()].as_bytes().to_vec();
    file.extend_from_slice(body);
    common::lint(vec![common::raw("fuzz.csv", file)]);
});
