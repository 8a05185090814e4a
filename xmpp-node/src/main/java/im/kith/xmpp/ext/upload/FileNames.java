package im.kith.xmpp.ext.upload;

import java.text.Normalizer;

/**
 * Turns a file name the uploader chose into the last segment of the slot URLs: no path separators, no
 * leading dots, only letters, digits, '.', '-' and '_' (others become '_'), at most 100 characters. The
 * name never reaches the file system: files are stored under the slot id.
 */
final class FileNames {
    static final int MAX_LENGTH = 100;

    private FileNames() {
    }

    static String sanitise(String chosen) {
        String name = chosen.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        name = Normalizer.normalize(name, Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(Math.min(name.length(), MAX_LENGTH));
        for (int i = 0; i < name.length() && out.length() < MAX_LENGTH; i++) {
            char c = name.charAt(i);
            boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '-' || c == '_';
            out.append(safe ? c : '_');
        }
        int start = 0;
        while (start < out.length() && (out.charAt(start) == '.' || out.charAt(start) == '_')) {
            start++;
        }
        String result = out.substring(start);
        return result.isEmpty() || result.chars().allMatch(ch -> ch == '.') ? "file" : result;
    }

    /** Whether a URL segment is something {@link #sanitise} can produce. */
    static boolean isSanitised(String segment) {
        return segment != null && !segment.isEmpty() && segment.length() <= MAX_LENGTH
                && sanitise(segment).equals(segment);
    }
}
