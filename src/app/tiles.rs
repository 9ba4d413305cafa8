//! Optional OpenStreetMap tiles over the offline basemap.
//!
//! Nothing touches the network until the user turns tiles on. Then a named thread first checks
//! that the tile server is reachable (one TCP connection, bounded time); only if it is does the
//! app create walkers' `HttpTiles`. Offline, the toggle turns itself off with a note instead of
//! queueing downloads that would each fail and log a warning.

use std::net::{TcpStream, ToSocketAddrs};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use walkers::TileId;
use walkers::sources::{Attribution, TileSource};

/// The OpenStreetMap standard tile layer.
pub const OSM_URL: &str = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
/// What the map must show while tiles are drawn.
pub const OSM_ATTRIBUTION: &str = "© OpenStreetMap contributors";
/// Where the attribution links to.
pub const OSM_COPYRIGHT_URL: &str = "https://www.openstreetmap.org/copyright";

/// How long the reachability check may take.
const PROBE_TIMEOUT: Duration = Duration::from_secs(3);

/// A raster tile server given by a URL template with `{z}`, `{x}`, `{y}`.
pub struct UrlTiles {
    /// The template.
    pub template: String,
}

impl TileSource for UrlTiles {
    fn tile_url(&self, t: TileId) -> String {
        self.template
            .replace("{z}", &t.zoom.to_string())
            .replace("{x}", &t.x.to_string())
            .replace("{y}", &t.y.to_string())
    }

    fn attribution(&self) -> Attribution {
        Attribution {
            text: OSM_ATTRIBUTION,
            url: OSM_COPYRIGHT_URL,
            logo_light: None,
            logo_dark: None,
        }
    }
}

/// `host:port` of a URL template (`https` → 443, `http` → 80 unless a port is given).
pub fn host_port(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let authority = rest.split('/').next()?;
    if authority.is_empty() {
        return None;
    }
    if authority.contains(':') {
        return Some(authority.to_owned());
    }
    let port = match scheme {
        "https" => 443,
        "http" => 80,
        _ => return None,
    };
    Some(format!("{authority}:{port}"))
}

/// The outcome of a reachability check, filled in by the probe thread.
pub type Probe = Arc<OnceLock<Result<(), String>>>;

/// Checks on a named thread whether the server of `url` accepts a TCP connection; wakes `ctx`
/// when the answer is in.
pub fn probe(url: &str, ctx: egui::Context) -> Probe {
    let slot: Probe = Arc::new(OnceLock::new());
    let out = slot.clone();
    let target = host_port(url);
    let spawned = std::thread::Builder::new()
        .name("placemap-tiles-probe".into())
        .spawn(move || {
            let result = match target {
                None => Err("not a tile server address".to_owned()),
                Some(t) => reachable(&t),
            };
            let _ = out.set(result);
            ctx.request_repaint();
        });
    if let Err(e) = spawned {
        let _ = slot.set(Err(format!("could not start the check: {e}")));
    }
    slot
}

fn reachable(host_port: &str) -> Result<(), String> {
    let addrs = host_port
        .to_socket_addrs()
        .map_err(|e| format!("{host_port}: {e}"))?;
    let mut last = format!("{host_port}: no address");
    for a in addrs {
        match TcpStream::connect_timeout(&a, PROBE_TIMEOUT) {
            Ok(_) => return Ok(()),
            Err(e) => last = format!("{host_port}: {e}"),
        }
    }
    Err(last)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn host_port_of_tile_templates() {
        assert_eq!(
            host_port(OSM_URL).as_deref(),
            Some("tile.openstreetmap.org:443")
        );
        assert_eq!(
            host_port("http://127.0.0.1:8080/{z}/{x}/{y}.png").as_deref(),
            Some("127.0.0.1:8080")
        );
        assert_eq!(host_port("tiles/{z}"), None);
    }

    #[test]
    fn urls_fill_the_template() {
        let s = UrlTiles {
            template: OSM_URL.into(),
        };
        let t = TileId {
            x: 3,
            y: 5,
            zoom: 4,
        };
        assert_eq!(s.tile_url(t), "https://tile.openstreetmap.org/4/3/5.png");
    }

    #[test]
    fn a_closed_port_is_unreachable() {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = l.local_addr().unwrap().port();
        drop(l);
        assert!(reachable(&format!("127.0.0.1:{port}")).is_err());
    }
}
