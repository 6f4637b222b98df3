import ij.CompositeImage;
import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.ImageProcessor;
import ij.process.LUT;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens TIFF files with ImageJ 1.x itself (IJ.openImage, i.e. ImageJ's own Opener and TiffDecoder) and
 * prints what ImageJ made of each one as a single JSON line, for tiffkit's interoperability tests.
 *
 * Usage: java -Djava.awt.headless=true -cp ij.jar InspectWithImageJ.java PATH [c,z,t,x,y ...] [-- PATH ...]
 * Sample coordinates are 0-based. Result lines start with MARK; any other output is ImageJ's own log
 * (in headless mode IJ.log and error messages go to stdout).
 */
public class InspectWithImageJ {
  static final String MARK = "@@tiffkit-imagej@@ ";

  public static void main(String[] args) {
    List<String> group = new ArrayList<>();
    for (String arg : args) {
      if (arg.equals("--")) {
        inspect(group);
        group.clear();
      } else {
        group.add(arg);
      }
    }
    if (!group.isEmpty()) inspect(group);
    // ImageJ can leave non-daemon threads behind; the answers are printed, so leave now.
    System.exit(0);
  }

  static void inspect(List<String> group) {
    String path = group.get(0);
    Json out = new Json();
    out.put("path", Json.str(path));
    out.put("imagejVersion", Json.str(IJ.getFullVersion()));
    ImagePlus imp = null;
    try {
      // Error dialogs become log lines, which headless ImageJ prints.
      IJ.redirectErrorMessages(true);
      imp = IJ.openImage(path);
    } catch (Throwable e) {
      out.put("error", Json.str("ImageJ threw " + e));
    }
    if (imp == null) {
      if (!out.has("error")) out.put("error", Json.str("ImageJ could not open the file (IJ.openImage returned null)"));
      System.out.println(MARK + out);
      return;
    }
    try {
      describe(imp, group, out);
    } catch (Throwable e) {
      out.put("error", Json.str("inspecting the opened image threw " + e));
    }
    System.out.println(MARK + out);
  }

  static void describe(ImagePlus imp, List<String> group, Json out) {
    int channels = imp.getNChannels();
    out.put("width", Json.num(imp.getWidth()));
    out.put("height", Json.num(imp.getHeight()));
    out.put("nChannels", Json.num(channels));
    out.put("nSlices", Json.num(imp.getNSlices()));
    out.put("nFrames", Json.num(imp.getNFrames()));
    out.put("stackSize", Json.num(imp.getStackSize()));
    out.put("bitDepth", Json.num(imp.getBitDepth()));
    out.put("isHyperStack", Json.bool(imp.isHyperStack()));
    out.put("isComposite", Json.bool(imp.isComposite()));
    if (imp instanceof CompositeImage) out.put("compositeMode", Json.str(((CompositeImage) imp).getModeAsString()));

    Calibration cal = imp.getCalibration();
    Json calibration = new Json();
    calibration.put("pixelWidth", Json.num(cal.pixelWidth));
    calibration.put("pixelHeight", Json.num(cal.pixelHeight));
    calibration.put("pixelDepth", Json.num(cal.pixelDepth));
    calibration.put("unit", Json.str(cal.getUnit()));
    calibration.put("frameInterval", Json.num(cal.frameInterval));
    calibration.put("xOrigin", Json.num(cal.xOrigin));
    calibration.put("yOrigin", Json.num(cal.yOrigin));
    calibration.put("zOrigin", Json.num(cal.zOrigin));
    calibration.put("signed16", Json.bool(cal.isSigned16Bit()));
    out.put("calibration", calibration.toString());

    List<String> pixels = new ArrayList<>();
    ImageStack stack = imp.getStack();
    for (int i = 1; i < group.size(); i++) pixels.add(sample(imp, stack, cal, group.get(i)));
    out.put("pixels", Json.list(pixels));

    String info = imp.getInfoProperty();
    if (info != null) out.put("info", Json.str(info));
    List<String> labels = new ArrayList<>();
    for (int i = 1; i <= Math.min(stack.getSize(), 1000); i++) labels.add(Json.str(stack.getSliceLabel(i)));
    out.put("labels", Json.list(labels));

    Json properties = new Json();
    String[] props = imp.getPropertiesAsArray();
    if (props != null) {
      for (int i = 0; i + 1 < props.length; i += 2) properties.put(props[i], Json.str(props[i + 1]));
    }
    out.put("properties", properties.toString());

    // Display range and LUT colour (at index 255) per channel, as ImageJ will show them.
    List<String> ranges = new ArrayList<>();
    List<String> colors = new ArrayList<>();
    LUT[] luts = imp.getLuts();
    for (int c = 0; c < channels; c++) {
      LUT lut = luts != null && c < luts.length ? luts[c] : null;
      boolean perChannel = imp instanceof CompositeImage && lut != null;
      double min = perChannel ? lut.min : imp.getDisplayRangeMin();
      double max = perChannel ? lut.max : imp.getDisplayRangeMax();
      ranges.add(Json.list(List.of(Json.num(min), Json.num(max))));
      colors.add(lut == null ? "null" : Json.num(lut.getRGB(255) & 0xffffff));
    }
    out.put("ranges", Json.list(ranges));
    out.put("lutColors", Json.list(colors));
  }

  /** One pixel: the packed 0xRRGGBB value for RGB, else the calibrated value (int16 comes back signed). */
  static String sample(ImagePlus imp, ImageStack stack, Calibration cal, String spec) {
    String[] parts = spec.split(",");
    int c = Integer.parseInt(parts[0]), z = Integer.parseInt(parts[1]), t = Integer.parseInt(parts[2]);
    int x = Integer.parseInt(parts[3]), y = Integer.parseInt(parts[4]);
    // getStackIndex clamps out-of-range positions, which would hide a wrong shape: refuse them instead.
    if (c < 0 || c >= imp.getNChannels() || z < 0 || z >= imp.getNSlices() || t < 0 || t >= imp.getNFrames()
        || x < 0 || x >= imp.getWidth() || y < 0 || y >= imp.getHeight()) {
      throw new IllegalArgumentException("sample " + spec + " is outside the image as ImageJ opened it");
    }
    ImageProcessor ip = stack.getProcessor(imp.getStackIndex(c + 1, z + 1, t + 1));
    if (imp.getBitDepth() == 24) return Json.num(ip.getPixel(x, y) & 0xffffff);
    ip.setCalibrationTable(cal.getCTable());
    return Json.num(ip.getPixelValue(x, y));
  }

  /** Just enough JSON: an ordered object of pre-encoded values. */
  static final class Json {
    private final StringBuilder body = new StringBuilder();
    private final List<String> keys = new ArrayList<>();

    void put(String key, String encodedValue) {
      if (body.length() > 0) body.append(',');
      body.append(str(key)).append(':').append(encodedValue);
      keys.add(key);
    }

    boolean has(String key) {
      return keys.contains(key);
    }

    @Override
    public String toString() {
      return "{" + body + "}";
    }

    static String str(String s) {
      if (s == null) return "null";
      StringBuilder b = new StringBuilder("\"");
      for (int i = 0; i < s.length(); i++) {
        char ch = s.charAt(i);
        if (ch == '"' || ch == '\\') b.append('\\').append(ch);
        else if (ch < 0x20 || ch > 0x7e) b.append(String.format("\\u%04x", (int) ch));
        else b.append(ch);
      }
      return b.append('"').toString();
    }

    /** Non-finite numbers have no JSON spelling; they travel as strings and are mapped back in TypeScript. */
    static String num(double d) {
      if (Double.isNaN(d) || Double.isInfinite(d)) return str(Double.toString(d));
      if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
      return Double.toString(d);
    }

    static String bool(boolean b) {
      return b ? "true" : "false";
    }

    static String list(List<String> items) {
      return "[" + String.join(",", items) + "]";
    }
  }
}
