package io.portlock.bandwidth;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import java.util.ArrayList;
import java.util.List;

/**
 * An error answer under any root element: {@code ResponseStatus} or an {@code ErrorList}.
 *
 * <pre>{@code
 * <TnOptionOrderResponse>
 *   <ResponseStatus>
 *     <ErrorCode>5081</ErrorCode>
 *     <Description>Number Format 'wrong' is invalid.</Description>
 *   </ResponseStatus>
 * </TnOptionOrderResponse>
 * }</pre>
 */
final class ResponseStatusTemplate {
  @JacksonXmlProperty(localName = "ResponseStatus")
  Status status;

  @JacksonXmlElementWrapper(localName = "ErrorList")
  @JacksonXmlProperty(localName = "Error")
  List<ErrorTemplate> errors = new ArrayList<>();

  /** {@code ResponseStatus}. */
  static final class Status {
    @JacksonXmlProperty(localName = "ErrorCode")
    String errorCode;

    @JacksonXmlProperty(localName = "Description")
    String description;
  }
}
