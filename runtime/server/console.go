package server

func (s *Server) consoleRoutes() {}

const tokenCookie = "coordc_token"
