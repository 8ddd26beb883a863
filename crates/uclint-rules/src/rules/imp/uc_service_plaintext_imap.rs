//! IMP011: a voicemail or mail-store UC service on IMAP port 143 without TLS.

use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That no UC service of type MailStore or Voicemail points Jabber at port 143 (plain IMAP)
    /// with a protocol other than TLS.
    ///
    /// ## What it leaves alone
    /// - UC services of other types (CTI, directory, IM and Presence, conferencing).
    /// - Services whose export gives no port, or another port: 993 and custom ports are the
    ///   site's choice.
    ///
    /// ## Why it breaks
    /// Jabber reads visual voicemail from the mail store over IMAP. Port 143 is the plaintext
    /// IMAP port: Exchange 2007 and later often have it disabled, so voicemail does not load, and
    /// where it is open the user's credentials travel in clear. Which port and protocol the
    /// service should use depends on the site (993 with TLS is the usual secure choice).
    ///
    /// ## Example
    /// ```csv
    /// NAME,SERVICE TYPE,PRODUCT TYPE,HOST NAME/IP ADDRESS,PORT,PROTOCOL
    /// Exchange_Mailstore,MailStore,Exchange,mail.example.com,143,TCP
    /// ```
    ///
    /// The `ucservice.csv` column names are inferred from formats.md (`SERVICE TYPE`, `PORT`,
    /// `PROTOCOL`) and the AXL `ucService` fields; the file gets an INPUT005 note saying so. AXL
    /// `getUcService`/`listUcService` (`serviceType`, `port`, `protocol`) is read too.
    ///
    /// ## How to fix
    /// User Management > User Settings > UC Service > the service > Port and Protocol: use the
    /// mail server's IMAP-over-TLS port (usually 993) with Protocol TLS.
    ///
    /// ## Sources
    /// - Document C (Exchange 2007 disables IMAP on port 143).
    /// - AXL schema `RUcService` (`serviceType`, `productType`, `hostnameorip`, `port`,
    ///   `protocol`).
    code: "IMP011",
    name: "uc-service-plaintext-imap",
    family: Imp,
    severity: Info,
    status: Stable,
    requires: [UcServices],
    summary: "A voicemail or mail-store UC service uses IMAP port 143 without TLS.",
    check: check,
}

/// IMAP without TLS.
const PLAIN_IMAP_PORT: u32 = 143;

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    for service in &ctx.cluster.uc_services {
        let mail = service.service_type.as_ref().filter(|t| is_mail_service(&t.value));
        let (Some(kind), Some(port)) = (mail, service.port.as_ref().filter(|p| p.value == PLAIN_IMAP_PORT)) else {
            continue;
        };
        let protocol = service.protocol.as_ref();
        if protocol.is_some_and(|p| is_tls(&p.value)) {
            continue;
        }
        let how = protocol.map_or("no protocol".to_owned(), |p| format!("protocol {}", p.value));
        let message = format!(
            "UC service {} ({}) uses IMAP port 143 with {how}; Exchange 2007+ often disables it, and the credentials \
             travel in clear",
            service.name.value, kind.value,
        );
        let help = format!(
            "User Management > User Settings > UC Service > {} > Port and Protocol: use the mail server's IMAP-over-TLS \
             port (usually 993) with Protocol TLS",
            service.name.value
        );
        let mut finding = sink.report(service.key(), port.span, "plaintext IMAP port", message);
        if let Some(protocol) = protocol {
            finding = finding.label(protocol.span, "not TLS");
        }
        finding.help(help);
    }
    Ok(())
}

/// MailStore or Voicemail, in any case (`Mailstore` is seen in the admin pages too).
fn is_mail_service(service_type: &str) -> bool {
    ["mailstore", "mail store", "voicemail"].iter().any(|t| service_type.eq_ignore_ascii_case(t))
}

/// Whether a protocol encrypts the connection.
fn is_tls(protocol: &str) -> bool {
    ["tls", "ssl", "https"].iter().any(|t| protocol.to_ascii_lowercase().contains(t))
}
