package dev.auditdesk.cache;

/** Test fixture: the cache reaching up into the sync, which the layer rule must reject. */
public class ViolatesLayerRule {
  public Object settings() {
    return dev.auditdesk.sync.LeansOnCache.class;
  }
}
