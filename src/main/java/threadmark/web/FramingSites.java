package threadmark.web;

import java.util.List;

/**
 * The sites besides ours that may show our pages in a frame: the LMSs Threadmark is registered in, which launch it
 * inside an iframe. The lti feature knows them; with none, no site may frame us.
 */
public interface FramingSites {

    /** Origins such as {@code https://canvas.example.edu}. */
    List<String> origins();
}
