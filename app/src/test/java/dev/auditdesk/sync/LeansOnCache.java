package dev.auditdesk.sync;

/** Test fixture: with cache.ViolatesLayerRule it closes a circle between two packages. */
public class LeansOnCache {
  public Object cache() {
    return dev.auditdesk.cache.ViolatesLayerRule.class;
  }
}
