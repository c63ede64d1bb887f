package dev.auditdesk.cache;

/** Test fixture: a cache class that draws, which the architecture rules must reject. */
public class ViolatesSceneRule {
  public Object draw() {
    return new javafx.scene.Group();
  }
}
