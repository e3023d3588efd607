package dev.switchboard.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

/**
 * A page whose address names something by an id that cannot be one ({@code /w/{ws}/agents/nope})
 * does not exist: our 404 page, as for an id that names nothing, not a "Bad Request".
 */
@ControllerAdvice(basePackageClasses = PageIdCheck.class, annotations = Controller.class)
class PageIdCheck {

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ModelAndView notAnId(HttpServletResponse response) throws IOException {
    response.sendError(HttpServletResponse.SC_NOT_FOUND);
    return new ModelAndView();
  }
}
