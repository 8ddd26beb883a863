//! `serviceparameter.csv`, `enterpriseparameter.csv` and `commondeviceconfiguration.csv`:
//! small name/value tables.

use uclint_model::{CommonDeviceConfig, EnterpriseParameter, ServiceParameter, Spanned, Text};

use crate::secrets::named_value;
use crate::table::{HeaderMap, Row};
use crate::FileParse;

/// One `serviceparameter.csv` row: `SERVER,PARAM NAME,PARAM VALUE,PARAM TYPE,SERVICE TYPE`.
pub fn service_parameter(parse: &mut FileParse<'_>, header: &HeaderMap, row: &Row<'_>) {
    let (Some(name), Some(service)) = (row.value(header, "param name"), row.value(header, "service type")) else {
        return;
    };
    let value = row.value(header, "param value").unwrap_or_else(|| Spanned::new(Text::default(), name.span));
    // A parameter that holds a password is quoted by no rule as it stands.
    let value = named_value(&name.value, value);
    let server = row.value(header, "server").unwrap_or_else(|| Spanned::new(Text::default(), name.span));
    parse.cluster.service_parameters.push(ServiceParameter { server, service, name, value, span: row.span });
}

/// One `enterpriseparameter.csv` row: `PARAM NAME,PARAM VALUE`.
pub fn enterprise_parameter(parse: &mut FileParse<'_>, header: &HeaderMap, row: &Row<'_>) {
    let Some(name) = row.value(header, "param name") else { return };
    let value = row.value(header, "param value").unwrap_or_else(|| Spanned::new(Text::default(), name.span));
    let value = named_value(&name.value, value);
    parse.cluster.enterprise_parameters.push(EnterpriseParameter { name, value, span: row.span });
}

/// One `commondeviceconfiguration.csv` row.
pub fn common_device_config(parse: &mut FileParse<'_>, header: &HeaderMap, row: &Row<'_>) {
    let Some(name) = row.value(header, "name") else { return };
    parse.cluster.common_device_configs.push(CommonDeviceConfig {
        name,
        ip_addressing_mode: row.value(header, "ip addressing mode"),
        span: row.span,
    });
}
